/**
 * At most one fetch at a time per host (host:port): feed documents and their items queue behind each other,
 * so watching several feeds of one outlet never hits it in parallel. Different hosts run side by side.
 */
export class HostLimiter {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(host: string, work: () => Promise<T>): Promise<T> {
    const tail = this.tails.get(host) ?? Promise.resolve();
    const run = tail.then(work, work);
    const settled = run.catch(() => undefined);
    this.tails.set(host, settled);
    // Forget idle hosts, so the map does not grow with every host ever seen.
    void settled.then(() => {
      if (this.tails.get(host) === settled) this.tails.delete(host);
    });
    return run;
  }
}
