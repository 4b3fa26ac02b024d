import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stand-in was sent: who signed it, for which region and service, and what it asked. */
export interface StandInRequest {
  /** The access key of the signature (`Credential=<key>/<date>/<region>/<service>/aws4_request`). */
  readonly key: string;
  readonly region: string;
  readonly service: string;
  readonly method: string;
  readonly url: string;
  /** The body, URL-decoded: a query-protocol call's `Action=…&…`, an object's content. */
  readonly body: string;
  /** A query-protocol call's `Action`. */
  readonly action?: string;
}

/** What the stand-in answers: XML by default, status 200 by default. */
export interface StandInAnswer {
  readonly status?: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** An AWS error answer in the query protocol's shape. */
export const awsError = (status: number, code: string, message: string): StandInAnswer => ({
  status,
  body: `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>1</RequestID></Response>`,
});

/**
 * A loopback stand-in for AWS APIs, for tests of the code that calls them through the SDK (the emulator suites call
 * moto): it keeps every request, with the key that signed it, and answers what `answer` returns for it.
 */
export class AwsStandIn {
  /** Every request so far, in order. */
  public readonly seen: StandInRequest[] = [];
  private readonly server: Server;

  constructor(answer: (request: StandInRequest) => StandInAnswer) {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', () => {
        const [key = '', , region = '', service = ''] = /Credential=([^,\s]+)/.exec(req.headers.authorization ?? '')?.[1].split('/') ?? [];
        const body = decodeURIComponent(raw);
        const request: StandInRequest = { key, region, service, method: req.method ?? '', url: req.url ?? '', body, action: new URLSearchParams(raw).get('Action') ?? undefined };
        this.seen.push(request);
        const a = answer(request);
        res.statusCode = a.status ?? 200;
        res.setHeader('content-type', 'text/xml');
        for (const [name, value] of Object.entries(a.headers ?? {})) res.setHeader(name, value);
        res.end(a.body ?? '');
      });
    });
  }

  /** Listens on a free loopback port; returns the endpoint (`http://127.0.0.1:<port>`). */
  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}
