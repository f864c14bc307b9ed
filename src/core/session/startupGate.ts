// Startup's work (the first read of the token, the sandbox restored or started) runs after activation has
// returned; a command run in the first seconds waits for it instead of saying "no token" just before "Sandbox on".
export class StartupGate {
  private work: Promise<void> = Promise.resolve();

  /** The work to wait for; its failure is startup's to report, so waiting never rejects. */
  running(work: Promise<unknown>): void {
    this.work = work.then(
      () => undefined,
      () => undefined,
    );
  }

  passed(): Promise<void> {
    return this.work;
  }
}
