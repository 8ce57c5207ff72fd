// `mechanist validate <spec.json>` — placeholder until the model stage lands (issue 2).
export async function runValidate(args: string[]): Promise<number> {
  process.stderr.write(`mechanist validate: not implemented yet (${args.length} args)\n`);
  return 2;
}
