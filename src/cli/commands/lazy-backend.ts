/**
 * The backend (database drivers, every operation) loads only when a command runs,
 * so `ari --help` and argument mistakes answer at once.
 */
import type { Config } from '../../config/config.js';
import type { OperationInput, OperationName, OperationOutput } from '../../control/operations.js';
import type { Via } from './backend.js';

export async function callOperation<K extends OperationName>(
  config: Config,
  name: K,
  input: OperationInput<K>,
): Promise<{ result: OperationOutput<K>; via: Via }> {
  const backend = await import('./backend.js');
  return backend.callOperation(config, name, input);
}
