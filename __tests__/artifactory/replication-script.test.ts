import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APPLY_REPLICATION_SCRIPT, RegionReplication } from '../../lib/artifactory/replication-plan';

/*
 * The replication job's script run for real (python3) against a fake Artifactory on loopback that records what
 * it is sent: the payloads JFrog's REST API takes, credentials from the secret files, and a failure that names
 * its cause with a non-zero exit (which fails the Job, and so the apply).
 */
interface Call { method: string; url: string; auth?: string; body?: any }

function fakeArtifactory(repos: Record<string, string[]>): Promise<{ server: Server; url: string; calls: Call[] }> {
  const calls: Call[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (d) => (data += d));
    req.on('end', () => {
      calls.push({ method: req.method!, url: req.url!, auth: req.headers.authorization, body: data ? JSON.parse(data) : undefined });
      const type = /type=(\w+)/.exec(req.url!)?.[1];
      if (req.url === '/artifactory/api/system/ping') res.end('OK');
      else if (type) res.end(JSON.stringify((repos[type] ?? []).map((key) => ({ key }))));
      else res.end('');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/artifactory`, calls })));
}

function runScript(baseUrl: string, plan: RegionReplication, peers: Record<string, unknown>): Promise<{ code: number; stderr: string; stdout: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kore-repl-'));
  writeFileSync(join(dir, 'apply.py'), APPLY_REPLICATION_SCRIPT);
  writeFileSync(join(dir, 'replication.json'), JSON.stringify(plan));
  const secrets = mkdtempSync(join(tmpdir(), 'kore-repl-secrets-'));
  writeFileSync(join(secrets, 'token'), 'local-token-123\n');
  for (const [peer, creds] of Object.entries(peers)) writeFileSync(join(secrets, `${peer}.json`), JSON.stringify(creds));
  return new Promise((resolve) => {
    const child = spawn('python3', [join(dir, 'apply.py')], { env: { ...process.env, ARTIFACTORY_URL: baseUrl, REPLICATION_SECRETS: secrets, REPLICATION_PLAN: join(dir, 'replication.json') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

const PLAN: RegionReplication = {
  region: 'prod-use1',
  push: [{ rule: 'docker', repositories: ['docker-*-local'], cron: '0 0/15 * * * ?', eventBased: true, targets: [{ region: 'prod-weu', url: 'https://artifactory.prod-weu.example.com/artifactory' }] }],
  pull: [{ rule: 'helm', repositories: ['helm-remote'], cron: '0 0 * * * ?', eventBased: false, source: { region: 'prod-apse1', url: 'https://artifactory.prod-apse1.example.com/artifactory' } }],
};

describe('the replication job script', () => {
  it('pushes with each target\'s username and token, and configures pulls on remote repositories', async () => {
    const fake = await fakeArtifactory({ local: ['docker-apps-local', 'libs-local'], remote: ['helm-remote'] });
    try {
      const r = await runScript(fake.url, PLAN, { 'prod-weu': { username: 'replicator-use1', token: 'weu-token' }, 'prod-apse1': { username: 'puller-weu', token: 'apse1-token' } });
      expect(r.stderr).not.toMatch(/replication failed/);
      expect(r.code).toBe(0);
      const push = fake.calls.find((c) => c.url === '/artifactory/api/replications/multiple/docker-apps-local')!;
      expect(push).toMatchObject({ method: 'PUT', auth: 'Bearer local-token-123' });
      expect(push.body).toEqual({
        cronExp: '0 0/15 * * * ?', enableEventReplication: true,
        replications: [{ url: 'https://artifactory.prod-weu.example.com/artifactory/docker-apps-local', username: 'replicator-use1', password: 'weu-token', enabled: true, syncDeletes: true, syncProperties: true }],
      });
      expect(fake.calls.find((c) => c.url === '/artifactory/api/repositories/helm-remote')).toMatchObject({ method: 'POST', body: { rclass: 'remote', username: 'puller-weu', password: 'apse1-token' } });
      expect(fake.calls.find((c) => c.url === '/artifactory/api/replications/helm-remote')?.body).toMatchObject({ cronExp: '0 0 * * * ?', enabled: true });
      // libs-local matches no pattern of the plan: left alone
      expect(fake.calls.some((c) => c.url.endsWith('/libs-local'))).toBe(false);
    } finally {
      fake.server.close();
    }
  }, 60_000);

  it('fails with one line naming the rule when a pattern matches no repository', async () => {
    const fake = await fakeArtifactory({ local: ['docker-apps-local'], remote: [] });
    try {
      const r = await runScript(fake.url, PLAN, { 'prod-weu': { username: 'u', token: 't' }, 'prod-apse1': { username: 'u', token: 't' } });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n').at(-1)).toBe('replication failed: rule helm: no remote repository matches helm-remote');
    } finally {
      fake.server.close();
    }
  }, 60_000);

  it('fails when a peer\'s credentials are missing from the secret', async () => {
    const fake = await fakeArtifactory({ local: ['docker-apps-local'], remote: ['helm-remote'] });
    try {
      const r = await runScript(fake.url, PLAN, { 'prod-apse1': { username: 'u', token: 't' } });
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n').at(-1)).toBe('replication failed: no credentials for prod-weu in the replication secret');
      expect(fake.calls.some((c) => c.method === 'PUT')).toBe(false);
    } finally {
      fake.server.close();
    }
  }, 60_000);
});
