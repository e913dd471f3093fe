import { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../logging/create-logger.js';
import type { RunningService } from '../../service/start-service.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description('run ARI: HTTP server, workers and console (port PORT, default 3000)')
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config);
      // Signals are ours from the first moment: a stop that comes while ARI starts (a process
      // manager or a test stopping a server that has only just said it is serving) waits for
      // the start, then shuts down cleanly, instead of killing the process half-way.
      let service: RunningService | undefined;
      let stopping = false;
      const shutDown = (running: RunningService) =>
        running.close().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error(error, 'shutdown failed');
            process.exit(1);
          },
        );
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        // A shutdown that hangs (a stuck connection or job) must still end the process.
        setTimeout(() => {
          logger.error('shutdown took longer than 15 s; exiting');
          process.exit(1);
        }, 15_000).unref();
        if (service) void shutDown(service);
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));

      // The directory is locked and PGlite begins to boot in its worker thread first; the
      // rest of ARI loads meanwhile (on use, so `ari --help` stays fast).
      const { claimServiceStart } = await import('../../service/claim-service-start.js');
      const claim = await claimServiceStart(config);
      const { startService } = await import('../../service/start-service.js').catch(async (error: unknown) => {
        await claim.release();
        throw error;
      });
      service = await startService(config, logger, claim);
      if (stopping) void shutDown(service);
    });
}
