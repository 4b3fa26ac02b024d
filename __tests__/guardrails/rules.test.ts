import type { SynthesizedStackJson } from '../../lib/synthesized/synthesized-output';
import { GUARDRAIL_PACK } from '../../lib/guardrails/pack';
import { resourcesOf, stackView } from '../../lib/guardrails/stack-view';
import { RULE_FIXTURES } from './rule-fixtures';

/** The verdict of a rule on `<type>.subject` in a stack made of the subject and `others`. */
function judge(ruleId: string, type: string, config: Record<string, unknown>, others: Record<string, Record<string, unknown>> = {}) {
  const rule = GUARDRAIL_PACK.find((r) => r.id === ruleId)!;
  const json = { resource: { ...others, [type]: { ...(others[type] ?? {}), subject: config } } } as SynthesizedStackJson;
  const subject = resourcesOf(json).find((r) => r.address === `${type}.subject`)!;
  return rule.check(subject, stackView('s', json));
}

describe('the guardrail pack', () => {
  it('has at least 50 rules with unique ids, each documented with why and a link', () => {
    expect(GUARDRAIL_PACK.length).toBeGreaterThanOrEqual(50);
    expect(new Set(GUARDRAIL_PACK.map((r) => r.id)).size).toBe(GUARDRAIL_PACK.length);
    for (const r of GUARDRAIL_PACK) {
      expect(r.id).toMatch(/^(AWS|AZ|K8S)-[A-Z0-9]+-\d{3}$/);
      expect(r.why.split(' ').length).toBeGreaterThanOrEqual(8);
      expect(r.link).toMatch(/^https:\/\//);
      expect(r.appliesTo.length).toBeGreaterThan(0);
    }
  });

  it('covers AWS, Azure, Kubernetes and the state stores', () => {
    const prefixes = new Set(GUARDRAIL_PACK.map((r) => r.id.split('-').slice(0, 2).join('-')));
    for (const p of ['AWS-S3', 'AWS-KMS', 'AWS-LOGS', 'AWS-EKS', 'AWS-EC2', 'AWS-RDS', 'AWS-SG', 'AWS-VPC', 'AWS-IAM', 'AWS-DDB', 'AWS-R53', 'AWS-SM', 'AZ-AKS', 'AZ-ST', 'AZ-PG', 'AZ-KV', 'AZ-NSG', 'AZ-DNS', 'K8S-NS', 'K8S-JOB', 'K8S-IMG', 'K8S-ENV']) {
      expect(prefixes).toContain(p);
    }
  });

  it('has a compliant and a non-compliant case for every rule', () => {
    expect(Object.keys(RULE_FIXTURES).sort()).toEqual(GUARDRAIL_PACK.map((r) => r.id).sort());
  });

  describe.each(GUARDRAIL_PACK.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const f = RULE_FIXTURES[id];
    it('passes the compliant case', () => {
      expect(rule.appliesTo).toContain(f.type);
      expect(judge(id, f.type, f.good, f.goodWith)).toBe('compliant');
    });
    it('fails the non-compliant case', () => {
      expect(judge(id, f.type, f.bad, f.badWith)).toBe('non-compliant');
    });
  });
});

describe('internet ingress over IPv6 (every form, both clouds)', () => {
  it.each([
    ['aws_security_group', { ingress: [{ ipv6_cidr_blocks: ['::/0'] }] }],
    ['aws_security_group', { ingress: [{ ipv6_cidr_blocks: ['::/1'] }, { ipv6_cidr_blocks: ['8000::/1'] }] }],
    ['aws_security_group_rule', { type: 'ingress', ipv6_cidr_blocks: ['::/0'] }],
    ['aws_vpc_security_group_ingress_rule', { cidr_ipv6: '::/0' }],
    ['aws_vpc_security_group_ingress_rule', { cidr_ipv6: '2000::/3' }],
  ])('AWS-SG-001 refuses %s %j', (type, config) => {
    expect(judge('AWS-SG-001', type, config)).toBe('non-compliant');
  });

  it('AWS-SG-001 accepts a site-sized IPv6 range and private IPv6', () => {
    expect(judge('AWS-SG-001', 'aws_vpc_security_group_ingress_rule', { cidr_ipv6: '2a00:1450:4001::/48' })).toBe('compliant');
    expect(judge('AWS-SG-001', 'aws_security_group', { ingress: [{ ipv6_cidr_blocks: ['fd00::/8'] }] })).toBe('compliant');
  });

  it.each([
    [{ source_address_prefix: '::/0' }],
    [{ source_address_prefixes: ['::/1', '8000::/1'] }],
    [{ source_address_prefix: 'Any' }],
  ])('AZ-NSG-002 refuses SSH from %j', (source) => {
    expect(judge('AZ-NSG-002', 'azurerm_network_security_rule', { direction: 'Inbound', access: 'Allow', destination_port_range: '22', ...source })).toBe('non-compliant');
  });
});
