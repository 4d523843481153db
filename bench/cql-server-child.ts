// The CQL test server in a process of its own, so that the backends benchmark can print what the
// server costs (its CPU time) apart from what the driver and carbyne cost. Messages over IPC:
// it sends { clientOptions } once listening; `cpu` asks for its CPU seconds so far, `stop` ends it.
import { startCqlServer } from '../test/servers/cql/index.js';

const server = await startCqlServer();
const options = server.clientOptions();
process.send!({ contactPoints: options.contactPoints, port: options.protocolOptions.port, localDataCenter: options.localDataCenter });
process.on('message', (m) => {
  if (m === 'cpu') {
    const c = process.cpuUsage();
    process.send!({ cpu: (c.user + c.system) / 1e6 });
  } else if (m === 'stop') {
    void server.close().then(() => process.exit(0));
  }
});
