// Placeholder until the prepare and build cores land; replaced in the wiring commit.
export async function runAction(): Promise<void> {
  throw new Error('not wired yet');
}
