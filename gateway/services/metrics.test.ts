import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.ts';

describe('Metrics', () => {
  it('renders counters and collected gauges in Prometheus text format', async () => {
    const m = new Metrics();
    m.counter('x_total', 'Things');
    m.inc('x_total', { route: '/v1/a', status: 200 });
    m.inc('x_total', { route: '/v1/a', status: 200 }, 2);
    m.inc('x_total', { route: 'q"uote\\', status: 404 });
    m.collected('y', 'Gauge', 'gauge', async () => [{ value: 7 }, { labels: { p: 1 }, value: NaN }]);
    expect(await m.render()).toBe(
      [
        '# HELP x_total Things',
        '# TYPE x_total counter',
        'x_total{route="/v1/a",status="200"} 3',
        'x_total{route="q\\"uote\\\\",status="404"} 1',
        '# HELP y Gauge',
        '# TYPE y gauge',
        'y 7',
        'y{p="1"} 0',
        '',
      ].join('\n'),
    );
  });

  it('refuses undeclared metrics', () => {
    expect(() => new Metrics().inc('nope')).toThrow(/unknown metric/);
  });
});
