import { outboundGuard } from '../../partners/adapters/outbound.js';

/** The benchmarks' simulated carriers and receivers listen on this machine: loopback is allowed. */
export const benchOutbound = outboundGuard(['127.0.0.0/8', '::1']);
