import type { ParamSchema } from './params.ts';
import { ROUTES, type RouteSpec } from './routes.ts';
import { SCHEMAS } from './schemas.ts';

/** `/v1/segments/:id` → `/v1/segments/{id}`. */
const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

const paramSchema = (s: ParamSchema): Record<string, unknown> => ({ ...s });

function operation(r: RouteSpec): Record<string, unknown> {
  const op: Record<string, unknown> = {
    operationId: r.id,
    summary: r.summary,
    tags: [r.tag],
    security: r.role === 'public' ? [] : [{ bearer: [] }, { basic: [] }],
    'x-liveseg-role': r.role,
  };
  if (r.params?.length) {
    op.parameters = r.params.map((p) => ({
      name: p.name,
      in: p.in,
      description: p.description,
      required: p.required ?? false,
      schema: paramSchema(p.schema),
    }));
  }
  if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${r.body}` } } } };
  op.responses = Object.fromEntries(
    Object.entries(r.responses).map(([status, res]) => {
      const media = res.mediaType ?? 'application/json';
      const content = res.schema
        ? { content: { [media]: { schema: { $ref: `#/components/schemas/${res.schema}` } } } }
        : res.mediaType
          ? { content: { [media]: {} } }
          : {};
      return [status, { description: res.description, ...content }];
    }),
  );
  return op;
}

/** The OpenAPI 3.1 document of the API, rendered from ROUTES and SCHEMAS (built once, at start). */
export function buildOpenApi(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES as readonly RouteSpec[]) {
    (paths[openApiPath(r.path)] ??= {})[r.method.toLowerCase()] = operation(r);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'liveseg',
      version,
      description: 'Live user segments. Errors are `{ error: { code, message, details? } }`; every bad input gets a 4xx.',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'admin keys may do everything; ingest keys only the ingest routes (role ingest)',
        },
        basic: {
          type: 'http',
          scheme: 'basic',
          description: 'the same keys as the HTTP Basic user name, password ignored: how Segment-spec SDKs send their write key',
        },
      },
      schemas: SCHEMAS,
    },
    paths,
  };
}
