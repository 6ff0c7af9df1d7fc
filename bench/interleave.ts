// Runs each timed function `reps` times, rotating which goes first in every round, so drift in
// the machine's load (other builds and tests run alongside) falls on all of them alike.
export async function interleaved(reps: number, fns: ReadonlyArray<() => Promise<number>>): Promise<number[][]> {
  const samples = fns.map(() => [] as number[]);
  for (let rep = 0; rep < reps; rep++) {
    for (let k = 0; k < fns.length; k++) {
      const index = (rep + k) % fns.length;
      samples[index]!.push(await fns[index]!());
    }
  }
  return samples;
}
