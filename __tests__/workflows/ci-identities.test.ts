import { readFileSync } from 'node:fs';
import { Testing } from 'cdktf';
import { ciIdentitiesDoc } from '../../cli/rollout/ci-identities-doc';
import { ciTrustOf } from '../../regions/automation';
import { defaultCatalogue } from '../../regions/catalogue';
import { parseCatalogue } from '../../regions/load';
import { BootstrapStack } from '../../stacks/bootstrap-stack';
import { catalogueCopy } from '../support/catalogue';

describe('CI identities (GitHub OIDC trust generated from the catalogue)', () => {
  const json = JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), { catalogue: defaultCatalogue(), cloud: 'aws' })));
  const roles = Object.values(json.resource.aws_iam_role as Record<string, any>);

  it('creates a plan and an apply role per AWS account, trusting exact environment subjects of the repository only', () => {
    expect(roles.map((r) => r.name).sort()).toEqual(['kore-ci-apply', 'kore-ci-apply', 'kore-ci-apply', 'kore-ci-plan', 'kore-ci-plan', 'kore-ci-plan']);
    const byAccount = Object.entries(json.resource.aws_iam_role as Record<string, any>).map(([id, r]) => [id, JSON.parse(r.assume_role_policy).Statement[0]] as const);
    for (const [id, st] of byAccount) {
      expect([id, st.Action]).toEqual([id, 'sts:AssumeRoleWithWebIdentity']);
      expect(st.Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
      const subs: string[] = st.Condition.StringEquals['token.actions.githubusercontent.com:sub'];
      for (const s of subs) expect(s).toMatch(/^repo:kore-platform\/infra:environment:(pr-plan|main-read|dev|staging|production|production-rollback|decommission)$/);
      expect(JSON.stringify(st.Condition)).not.toMatch(/StringLike|\*/);
    }
    const dev = byAccount.find(([id]) => id.includes('111111111111_ApplyRole'))![1];
    // Dev's apply role: its deploy environment and the decommission approval, never the production rollback.
    expect(dev.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:kore-platform/infra:environment:decommission', 'repo:kore-platform/infra:environment:dev']);
    const prod = byAccount.find(([id]) => id.includes('333333333333_ApplyRole'))![1];
    expect(prod.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['decommission', 'production', 'production-rollback'].map((e) => `repo:kore-platform/infra:environment:${e}`));
    const plan = byAccount.find(([id]) => id.includes('333333333333_PlanRole'))![1];
    expect(plan.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual(['repo:kore-platform/infra:environment:pr-plan', 'repo:kore-platform/infra:environment:main-read']);
    for (const r of roles) expect(r.max_session_duration).toBe(10800);
  });

  it('the plan role reads but is denied secret values; the apply role administers', () => {
    const attachments = Object.entries(json.resource.aws_iam_role_policy_attachment as Record<string, any>).map(([id, a]) => [id.split('_')[1], a.policy_arn]);
    expect(new Set(attachments.map((a) => a.join(' ')))).toEqual(new Set(['PlanReadOnly arn:aws:iam::aws:policy/ReadOnlyAccess', 'ApplyAdministrator arn:aws:iam::aws:policy/AdministratorAccess']));
    const deny = Object.values(json.resource.aws_iam_role_policy as Record<string, any>).map((p) => JSON.parse(p.policy).Statement[0]);
    expect(deny).toHaveLength(3);
    for (const d of deny) expect(d).toMatchObject({ Effect: 'Deny', Action: expect.arrayContaining(['secretsmanager:GetSecretValue', 'kms:Decrypt']) });
  });

  it('generates nothing without a repository, and refuses a repository that is not owner/name in one line', () => {
    const c = catalogueCopy();
    delete (c.automation as any).repository;
    expect(ciTrustOf(parseCatalogue(c, 'test'))).toEqual([]);
    (c.automation as any).repository = 'https://github.com/x';
    expect(() => parseCatalogue(c, 'test')).toThrow(/automation\.repository: not a GitHub repository \(owner\/name\)/);
  });

  it('docs/ci-identities.md is what the catalogue generates', () => {
    expect(readFileSync('docs/ci-identities.md', 'utf8')).toBe(ciIdentitiesDoc(defaultCatalogue()));
  });
});
