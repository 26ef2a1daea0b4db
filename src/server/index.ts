/** Node-only entry: the signalling server and token04 for app servers. */
export { startServer, type ServerOptions, type RunningServer } from './server.js';
export { main as runCli } from './cli.js';
export {
  generateToken04,
  verifyToken04,
  parseToken04Privileges,
  type Token04Plaintext,
  type Token04Privileges,
  type Token04Variant,
} from '../hub/token04.js';
