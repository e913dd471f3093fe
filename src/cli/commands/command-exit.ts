/**
 * A command that has printed all it has to say and still did not succeed (the doctor found a
 * failing check): the program ends with this exit code and prints nothing more.
 */
export class CommandExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CommandExit';
  }
}
