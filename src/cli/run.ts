// Placeholder until the prepare and build cores land; replaced in the wiring commit.
export async function runCli(_argv: readonly string[]): Promise<number> {
  throw new Error('not wired yet');
}
