// The live topics of the WebSocket and how a subscription to each is made: parameter values,
// alarms, events and commands relayed from the bus (checked, then shaped as the REST answers),
// spacecraft positions propagated here, and the clock. A subscription's options are checked
// before it starts; a bad one is refused with a code and the field at fault.
import Type from 'typebox';
import Value from 'typebox/value';
import { ZenithError } from '../../core/errors/index.ts';
import { formatIsoUtc } from '../../core/time/index.ts';
import type { Bus } from '../bus/index.ts';
import type { ApiDeps } from './ApiDeps.ts';
import { AlarmMessage, CommandMessage, EventMessage, LIVE_SUBJECTS, ParamMessage } from './busPayloads.ts';
import type { LiveSubjects } from './busPayloads.ts';
import type { LiveItem, LiveSink, LiveSource, LiveSubscriber } from './LiveTopic.ts';
import { LiveTopic } from './LiveTopic.ts';
import { resolveParameter } from './mdbViews.ts';
import { PositionFeed } from './PositionFeed.ts';
import type { PositionItem } from './PositionFeed.ts';
import { AlarmSeverity, Severity } from './schemas.ts';
import { alarmViewOfMessage, eventView, parameterValueView } from './views.ts';
import type { AlarmView, EventView, ParameterValueView } from './views.ts';

export const TOPICS = ['parameters', 'alarms', 'events', 'commands', 'positions', 'clock'] as const;
export type TopicName = (typeof TOPICS)[number];

const SEVERITY_RANK: Readonly<Record<string, number>> = { info: 0, watch: 1, warning: 2, distress: 3, critical: 4, severe: 5 };
export const MAX_SUBSCRIBED_NAMES = 10_000;

interface ParameterItem extends LiveItem {
  readonly name: string;
  readonly view: ParameterValueView;
}
interface AlarmItem extends LiveItem {
  readonly view: AlarmView;
}
interface EventItem extends LiveItem {
  readonly view: EventView;
}
interface CommandItem extends LiveItem {
  /** A Command as checked against CommandSchema. */
  readonly view: { readonly spacecraft: string };
}
interface ClockItem extends LiveItem {
  readonly view: { readonly time: string; readonly speed: number };
}

const Name = Type.String({ minLength: 1, maxLength: 512 });
// Unknown option keys are refused: a typo ("name" for "names") should not pass silently.
const closed = { additionalProperties: false } as const;
const OPTION_SCHEMAS = {
  parameters: Type.Object({ names: Type.Array(Name, { minItems: 1, maxItems: MAX_SUBSCRIBED_NAMES }), latest: Type.Optional(Type.Boolean()) }, closed),
  alarms: Type.Object({ spacecraft: Type.Optional(Name), severity: Type.Optional(AlarmSeverity) }, closed),
  events: Type.Object({ source: Type.Optional(Name), severity: Type.Optional(Severity) }, closed),
  commands: Type.Object({ spacecraft: Type.Optional(Name) }, closed),
  positions: Type.Object({ spacecraft: Type.Optional(Type.Array(Name, { maxItems: 1000 })) }, closed),
  clock: Type.Object({}, closed),
};

function badOptions(topic: string, options: unknown): ZenithError {
  const schema = OPTION_SCHEMAS[topic as TopicName];
  const [first] = Value.Errors(schema, options);
  const field = first === undefined ? '' : first.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const params = (first?.params ?? {}) as Record<string, unknown>;
  const required = params['requiredProperties'];
  const missing = Array.isArray(required) ? required.map(String).join(', ') : '';
  const at = field !== '' ? field : missing;
  return new ZenithError('BAD_SUBSCRIPTION', `${topic} options${at === '' ? '' : `.${at}`}: ${first?.message ?? 'expected an object'}`, { field: `options${at === '' ? '' : `.${at}`}` });
}

/** A subscription made: `cancel` stops it (idempotent). */
export interface LiveSubscription {
  readonly topic: TopicName;
  cancel(): Promise<void>;
}

export interface LiveFeedsOptions {
  readonly subjects?: Partial<LiveSubjects>;
  /** Real ms between clock messages (default 1000). */
  readonly clockPeriodMs?: number;
  /** Real ms between position messages at least (default 250). */
  readonly positionMinPeriodMs?: number;
  readonly onError: (error: unknown, what: string) => void;
}

export class LiveFeeds {
  readonly parameters: LiveTopic<ParameterItem>;
  readonly alarms: LiveTopic<AlarmItem>;
  readonly events: LiveTopic<EventItem>;
  readonly commands: LiveTopic<CommandItem>;
  readonly positions: LiveTopic<PositionItem>;
  readonly clock: LiveTopic<ClockItem>;
  readonly positionFeed: PositionFeed;
  /** Bus messages dropped because they were not what their subject promises. */
  malformed = 0;

  constructor(
    private readonly deps: ApiDeps,
    private readonly options: LiveFeedsOptions,
  ) {
    const subjects = { ...LIVE_SUBJECTS, ...options.subjects };
    const bus = deps.bus;
    this.parameters = new LiveTopic(
      'parameters',
      this.busSource(bus, subjects.parameters, (m) =>
        ParamMessage.Check(m)
          ? m.parameters.map((p) => {
              const view: ParameterValueView = {
                name: p.name,
                generationTime: formatIsoUtc(m.generationTimeMs),
                receptionTime: formatIsoUtc(m.receptionTimeMs),
                raw: p.raw,
                eng: p.eng,
                state: p.state,
              };
              return { name: p.name, view };
            })
          : undefined,
      ),
    );
    this.alarms = new LiveTopic('alarms', this.busSource(bus, subjects.alarms, (m) => (AlarmMessage.Check(m) ? [{ view: alarmViewOfMessage(m) }] : undefined)));
    this.events = new LiveTopic('events', this.busSource(bus, subjects.events, (m) => (EventMessage.Check(m) ? [{ view: eventView(m) }] : undefined)));
    this.commands = new LiveTopic('commands', this.busSource(bus, subjects.commands, (m) => (CommandMessage.Check(m) ? [{ view: m }] : undefined)));
    this.positionFeed = new PositionFeed({
      clock: deps.clock,
      fleet: deps.mission.spacecraft,
      elements: () => deps.flightDynamics.currentElements(),
      ...(options.positionMinPeriodMs === undefined ? {} : { minPeriodMs: options.positionMinPeriodMs }),
      onError: (error) => { options.onError(error, 'positions'); },
    });
    // Element sets change through uploads here (see RouteContext) and in the flight-dynamics service.
    this.positions = new LiveTopic('positions', (emit) => {
      const notices = bus.subscribe(subjects.elements, () => {
        this.positionFeed.refresh();
      });
      const stop = this.positionFeed.source(emit);
      return async () => {
        await notices.unsubscribe();
        await stop();
      };
    });
    this.clock = new LiveTopic('clock', (emit) => {
      const timer = setInterval(() => { emit([this.clockItem()]); }, options.clockPeriodMs ?? 1000);
      return () => {
        clearInterval(timer);
        return Promise.resolve();
      };
    });
  }

  private clockItem(): ClockItem {
    return { view: { time: formatIsoUtc(this.deps.clock.nowMs()), speed: this.deps.clock.speed } };
  }

  private busSource<Item extends LiveItem>(bus: Bus, subject: string, decode: (payload: unknown) => Item[] | undefined): LiveSource<Item> {
    return (emit) => {
      const subscription = bus.subscribe(subject, (message) => {
        let items: Item[] | undefined;
        try {
          items = decode(message.json());
        } catch {
          items = undefined;
        }
        if (items === undefined) {
          this.malformed++;
          this.options.onError(new ZenithError('API_BUS_MESSAGE', `expected a ${subject} message, found one that is not`, { subject: message.subject }), 'bus');
          return;
        }
        emit(items);
      });
      return () => subscription.unsubscribe();
    };
  }

  /**
   * Starts a subscription of `topic` for a client: its data messages go to `sink`, each starting
   * with `frameStart`; `onJoined` is called once it receives live data, before any stored data is
   * sent. A ZenithError (BAD_SUBSCRIPTION, UNKNOWN_TOPIC, UNKNOWN_PARAMETER, ...) when the topic or
   * its options are wrong.
   */
  async subscribe(topic: string, frameStart: string, sink: LiveSink, rawOptions: unknown, onJoined: () => void = () => undefined): Promise<LiveSubscription> {
    if (!(TOPICS as readonly string[]).includes(topic)) {
      throw new ZenithError('UNKNOWN_TOPIC', `expected a topic of ${TOPICS.join(', ')}, found ${JSON.stringify(topic.slice(0, 64))}`, { field: 'topic' });
    }
    const options = rawOptions ?? {};
    const name = topic as TopicName;
    switch (name) {
      case 'parameters': {
        const o = this.check('parameters', options);
        return this.subscribeParameters(o.names, o.latest ?? true, { frameStart, sink }, onJoined);
      }
      case 'alarms': {
        const o = this.check('alarms', options);
        const min = SEVERITY_RANK[o.severity ?? 'watch'] ?? 0;
        return this.join('alarms', this.alarms, {
          frameStart,
          sink,
          accepts: (i) => (o.spacecraft === undefined || i.view.spacecraft === o.spacecraft) && (SEVERITY_RANK[i.view.severity] ?? 0) >= min,
        }, onJoined);
      }
      case 'events': {
        const o = this.check('events', options);
        const min = SEVERITY_RANK[o.severity ?? 'info'] ?? 0;
        return this.join('events', this.events, {
          frameStart,
          sink,
          accepts: (i) => (o.source === undefined || i.view.source === o.source) && (SEVERITY_RANK[i.view.severity] ?? 0) >= min,
        }, onJoined);
      }
      case 'commands': {
        const o = this.check('commands', options);
        return this.join('commands', this.commands, { frameStart, sink, accepts: (i) => o.spacecraft === undefined || i.view.spacecraft === o.spacecraft }, onJoined);
      }
      case 'positions': {
        const o = this.check('positions', options);
        const only = o.spacecraft === undefined ? undefined : new Set(o.spacecraft);
        return this.join('positions', this.positions, { frameStart, sink, accepts: (i) => only === undefined || only.has(i.view.spacecraft) }, onJoined);
      }
      case 'clock': {
        this.check('clock', options);
        const subscription = this.join('clock', this.clock, { frameStart, sink, accepts: () => true }, onJoined);
        sink.send(`${frameStart}${JSON.stringify(this.clockItem().view)}}`);
        return subscription;
      }
    }
  }

  private check<T extends TopicName>(topic: T, options: unknown): Type.Static<(typeof OPTION_SCHEMAS)[T]> {
    if (!Value.Check(OPTION_SCHEMAS[topic], options)) throw badOptions(topic, options);
    return options;
  }

  private join<Item extends LiveItem>(topic: TopicName, live: LiveTopic<Item>, subscriber: LiveSubscriber<Item>, onJoined?: () => void): LiveSubscription {
    onJoined?.();
    live.add(subscriber);
    let cancelled = false;
    return {
      topic,
      cancel: async () => {
        if (cancelled) return;
        cancelled = true;
        await live.remove(subscriber);
      },
    };
  }

  /**
   * Live values from now on, and (with `latest`) the newest stored value of each name first. The
   * live feed starts before the archive is asked, so nothing falls in between; a name that got a
   * live value meanwhile does not get the older stored one.
   */
  private async subscribeParameters(
    names: readonly string[],
    latest: boolean,
    to: { readonly frameStart: string; readonly sink: LiveSink },
    onJoined: () => void,
  ): Promise<LiveSubscription> {
    const wanted = new Set(names.map((n, i) => resolveParameter(this.deps, n, `options.names[${i}]`).qualifiedName));
    let liveDuringSnapshot: Set<string> | undefined = latest ? new Set() : undefined;
    const { frameStart, sink } = to;
    const subscription = this.join('parameters', this.parameters, {
      frameStart,
      sink,
      accepts: (i) => {
        if (!wanted.has(i.name)) return false;
        liveDuringSnapshot?.add(i.name);
        return true;
      },
    }, onJoined);
    if (latest) {
      try {
        const stored = await this.deps.archive.latestValues([...wanted]);
        for (const r of stored) {
          if (liveDuringSnapshot?.has(r.parameter) === true) continue;
          sink.send(`${frameStart}${JSON.stringify(parameterValueView(r))}}`);
        }
      } catch (error) {
        await subscription.cancel();
        throw error;
      } finally {
        liveDuringSnapshot = undefined;
      }
    }
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([this.parameters, this.alarms, this.events, this.commands, this.positions, this.clock].map((t) => t.close()));
  }
}
