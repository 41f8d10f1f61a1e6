import { defineSession } from '../../src/lib/session.ts';

// Linux's keepalive settings (for sockets that turn keepalive on without their own values).
// They are this machine's: another machine may have other values.
export default defineSession({
  port: 12000,
  steps: [
    {
      in: 'terminal',
      run: 'grep . /proc/sys/net/ipv4/tcp_keepalive_time /proc/sys/net/ipv4/tcp_keepalive_intvl /proc/sys/net/ipv4/tcp_keepalive_probes',
    },
  ],
});
