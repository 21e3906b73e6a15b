/** Owns a uPlot chart inside an element: creates it on first data, resizes with its box, destroys it. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import uPlot from 'uplot';

export interface ChartOptions {
  /** The element the chart draws into (rendered by the host). */
  container: () => HTMLElement | null | undefined;
  /** uPlot options for a given width. */
  options: (width: number) => uPlot.Options;
}

/**
 * One uPlot per host. `setData` creates the chart the first time (so a hidden or empty view
 * costs nothing) and updates it afterwards without re-creating it.
 */
export class ChartController implements ReactiveController {
  plot: uPlot | undefined;
  private observer: ResizeObserver | undefined;
  private box: HTMLElement | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly opts: ChartOptions,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.destroy();
  }

  /** Shows `data`; `resetScales` re-fits the axes to it. */
  setData(data: uPlot.AlignedData, resetScales = true): void {
    const box = this.opts.container();
    if (!box) return;
    if (this.plot && this.box === box) {
      this.plot.setData(data, resetScales);
      return;
    }
    this.destroy();
    this.box = box;
    const width = Math.max(200, Math.floor(box.getBoundingClientRect().width) || box.clientWidth || 600);
    this.plot = new uPlot(this.opts.options(width), data, box);
    if (typeof ResizeObserver !== 'undefined') {
      this.observer = new ResizeObserver(() => this.resize());
      this.observer.observe(box);
    }
  }

  private resize(): void {
    if (!this.plot || !this.box) return;
    const width = Math.floor(this.box.getBoundingClientRect().width);
    if (width > 0 && Math.abs(width - this.plot.width) > 1) this.plot.setSize({ width, height: this.plot.height });
  }

  /** Removes the chart (it is created again by the next setData). */
  destroy(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.plot?.destroy();
    this.plot = undefined;
    this.box = undefined;
  }
}
