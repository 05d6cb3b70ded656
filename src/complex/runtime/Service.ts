// The small lifecycle every service of the complex shares (DESIGN.md, "Services"): init validates
// fast and fails naming the config key, start begins work, stop ends it cleanly.

export interface Service {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts services in order and stops them in reverse; a failed start stops those already started. */
export async function startAll(services: readonly Service[]): Promise<() => Promise<void>> {
  const started: Service[] = [];
  try {
    for (const service of services) {
      await service.start();
      started.push(service);
    }
  } catch (error) {
    await stopAll(started);
    throw error;
  }
  return () => stopAll(started);
}

export interface StopOptions {
  /** Told "stopping NAME" before each stop, and about a stop that overran its time. */
  readonly log?: (line: string) => void;
  /** A service that has not stopped after this long (real ms) is left behind and the rest go on. */
  readonly timeoutMs?: number;
}

/** Stops `services` in reverse order; every one is tried; the failures are thrown together at the end. */
export async function stopAll(services: readonly Service[], options: StopOptions = {}): Promise<void> {
  const errors: unknown[] = [];
  for (const service of [...services].reverse()) {
    options.log?.(`stopping ${service.name}`);
    try {
      await withTimeout(service.stop(), options.timeoutMs);
    } catch (error) {
      options.log?.(`${service.name}: ${error instanceof Error ? error.message : String(error)}`);
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} service(s) failed to stop`);
}

function withTimeout(stopping: Promise<void>, timeoutMs: number | undefined): Promise<void> {
  if (timeoutMs === undefined) return stopping;
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`did not stop within ${timeoutMs} ms; left behind`));
    }, timeoutMs);
  });
  return Promise.race([stopping, overrun]).finally(() => {
    clearTimeout(timer);
  });
}
