// Each capture session's packets, to download and open in Wireshark: /captures/NAME.pcap serves
// examples/sessions/NAME.pcap, which the session tests keep beside the golden file and check
// against it (src/lib/capture-file.ts). <Packets session="NAME" /> links it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRoute } from 'astro';

const dir = join(process.cwd(), 'examples/sessions');

export function getStaticPaths() {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.pcap'))
    .map((file) => ({ params: { name: file.replace(/\.pcap$/, '') } }));
}

export const GET: APIRoute = ({ params }) =>
  new Response(new Uint8Array(readFileSync(join(dir, `${params.name}.pcap`))), {
    headers: { 'Content-Type': 'application/vnd.tcpdump.pcap' },
  });
