// The configuration of the station links as data (YAML/JSON), validated once at start-up so that a
// mistake fails naming its key, and the factory that builds the link each entry describes. A room
// of its own so that processes running links do not load the schema library.
import Type from 'typebox';
import type { Clock } from '../../runtime/index.ts';
import { TcpTmFrameLink, UdpTmFrameLink } from '../index.ts';
import type { TmFrameLink } from '../index.ts';

export const TmLinkConfigSchema = Type.Object(
  {
    /** The source of its frames in the archive, e.g. `MINSK-tm`. */
    name: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
    transport: Type.Union([Type.Literal('tcp'), Type.Literal('udp')]),
    station: Type.String({ minLength: 1 }),
    /** Tag every frame with this spacecraft; without it, each frame's SCID names its spacecraft. */
    spacecraft: Type.Optional(Type.String({ minLength: 1 })),
    host: Type.Optional(Type.String({ minLength: 1 })),
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    /** TCP only; default `acknowledged`. */
    framing: Type.Optional(Type.Union([Type.Literal('acknowledged'), Type.Literal('length-prefixed'), Type.Literal('fixed-length')])),
    /** The physical channel's frame length (required by the fixed-length framing). */
    frameLength: Type.Optional(Type.Integer({ minimum: 7, maximum: 2048 })),
    maxFrameLength: Type.Optional(Type.Integer({ minimum: 7, maximum: 65_536 })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export type TmLinkConfig = Type.Static<typeof TmLinkConfigSchema>;

/** Builds the link an entry describes; the entry must have passed TmLinkConfigSchema. */
export function createTmFrameLink(config: TmLinkConfig, context: { readonly spacecraftIds?: ReadonlyMap<number, string>; readonly clock?: Clock } = {}): TmFrameLink {
  const common = {
    name: config.name,
    station: config.station,
    port: config.port,
    ...(config.spacecraft === undefined ? {} : { spacecraft: config.spacecraft }),
    ...(config.host === undefined ? {} : { host: config.host }),
    ...(config.frameLength === undefined ? {} : { frameLength: config.frameLength }),
    ...(config.disabled === undefined ? {} : { disabled: config.disabled }),
    ...(context.spacecraftIds === undefined ? {} : { spacecraftIds: context.spacecraftIds }),
    ...(context.clock === undefined ? {} : { clock: context.clock }),
  };
  if (config.transport === 'udp') return new UdpTmFrameLink(common);
  return new TcpTmFrameLink({
    ...common,
    framing: config.framing ?? 'acknowledged',
    ...(config.maxFrameLength === undefined ? {} : { maxFrameLength: config.maxFrameLength }),
  });
}
