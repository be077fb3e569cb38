/**
 * Requests that Node's HTTP parser refuses before Express sees them (a malformed request line or
 * header, headers too large, a body cut short, a request that takes too long to arrive): answered
 * with a problem+json 4xx and the connection closed, instead of Node's bare "400 Bad Request".
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

const ANSWERS: Record<string, [number, string, string, string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'Request Header Fields Too Large',
    'HEADERS_TOO_LARGE',
    'the request headers are too large',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'the request did not arrive in time'],
  ERR_HTTP_HEADERS_TIMEOUT: [408, 'Request Timeout', 'REQUEST_TIMEOUT', 'the request headers did not arrive in time'],
};

/** Answers the server's client errors with problem+json. */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, title, code, detail] = ANSWERS[err.code ?? ''] ?? [
      400,
      'Bad Request',
      'BAD_REQUEST',
      'the request is not valid HTTP (a malformed line or header, or a body shorter than its Content-Length)',
    ];
    const body = JSON.stringify({
      type: `https://innograph.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
      title,
      status,
      code,
      detail,
    });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
