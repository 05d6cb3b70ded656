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

export async function stopAll(services: readonly Service[]): Promise<void> {
  const errors: unknown[] = [];
  for (const service of [...services].reverse()) {
    try {
      await service.stop();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} service(s) failed to stop`);
}
