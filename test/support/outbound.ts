import { outboundGuard } from '../../partners/adapters/outbound.js';

/** The tests' carriers, receivers and simulators listen on this machine: loopback is allowed, nothing else private. */
export const testOutbound = outboundGuard(['127.0.0.0/8', '::1']);
