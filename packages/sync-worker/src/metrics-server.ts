/**
 * The worker process's own `/metrics` endpoint (`WORKER_METRICS_PORT`): a bare node:http server on
 * 127.0.0.1 only — metrics name orgs' reps and volumes, so they are for a local scraper or sidecar,
 * never the open network. Anything but `GET /metrics` is 404.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderMetrics, type WorkerMetrics } from '@attain/store';
import type { Logger } from 'pino';

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

export const METRICS_HOST = '127.0.0.1';

export async function serveMetrics(metrics: WorkerMetrics, port: number, logger?: Logger): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    renderMetrics(metrics).then(
      ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
      (error: unknown) => {
        logger?.warn({ err: error }, 'metrics scrape failed');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, METRICS_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
