/** Public surface of the API description: routes, parameters, schemas and the OpenAPI renderer. */
export {
  MAX_PAGE,
  ROUTES,
  type ParamSpec,
  type ResponseSpec,
  type Role,
  type RouteId,
  type RouteSpec,
  type SegmentSpecRouteId,
} from './routes.ts';
export { checkParam, readParams, type ParamSchema, type ParamValues } from './params.ts';
export { SCHEMAS, TEXT_LIMITS } from './schemas.ts';
export { buildOpenApi } from './openapi.ts';
