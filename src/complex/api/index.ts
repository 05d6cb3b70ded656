// The API room (docs/api.md): the Fastify server with its REST routes, OpenAPI document and live
// WebSocket, and the narrow interfaces it needs from the other services of the complex.
export { createApiServer, DEFAULT_BODY_LIMIT } from './createApiServer.ts';
export type { ApiServer, ApiServerOptions } from './createApiServer.ts';
export type {
  ApiCatalogCommand,
  ApiCommandRequest,
  ApiCommandView,
  ApiCommands,
  ApiDeps,
  ApiFlightDynamics,
  ApiTelemetry,
  ContactView,
  ElementsUpload,
  PassView,
} from './ApiDeps.ts';
export { ApiError, badRequest, errorBody, notFound } from './ApiError.ts';
export { describeError } from './errorReply.ts';
export type { ErrorBody } from './ApiError.ts';
export type { ApiUser, Authenticate, OnAnswered } from './authentication.ts';
export { LIVE_SUBJECTS } from './busPayloads.ts';
export type { LiveSubjects } from './busPayloads.ts';
export { TOPICS } from './LiveFeeds.ts';
export type { LiveFeedsOptions, TopicName } from './LiveFeeds.ts';
export { subSatellitePoint } from './PositionFeed.ts';
export { CLOSE_TOO_SLOW, MAX_BUFFERED_BYTES, MAX_SUBSCRIPTIONS } from './WsConnection.ts';
export { ErrorSchema, withErrors } from './schemas.ts';
export { CLOSE_CREDENTIALS_ENDED } from './wsRoute.ts';
