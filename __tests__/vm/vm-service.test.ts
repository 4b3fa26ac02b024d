import { rolloutPlan } from '../../cli/rollout/waves';
import { defaultCatalogue } from '../../regions/catalogue';
import { parseCatalogue } from '../../regions/load';
import { catalogueCopy, problemsOf } from '../support/catalogue';
import { synthLayers } from '../support/region';
import { byType } from '../support/synth';

/*
 * VM services at synth level, property by property: the AWS group and its launch template held to the EKS nodes'
 * bar, the instance refresh, the internal NLB; the Azure scale set's rolling upgrade, repair, login and network.
 */

/** The one resource of a type the billing service made (its construct id starts the Terraform name). */
const only = (json: any, type: string): any => {
  const all = Object.entries<any>(byType(json, type)).filter(([k]) => k.startsWith('VmService-billing')).map(([, v]) => v);
  expect([type, all.length]).toEqual([type, 1]);
  return all[0];
};

describe('AwsVmService (prod-use1 billing)', () => {
  const { infra } = synthLayers('prod-use1');
  const lt = only(infra, 'aws_launch_template');
  const asgs = Object.values<any>(byType(infra, 'aws_autoscaling_group'));
  const asg = asgs.find((g) => g.name === 'kore-prod-use1-billing');

  it('launches from a launch template with IMDSv2 (one hop), encrypted volumes, no public IP and no SSH key', () => {
    expect(lt.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1, instance_metadata_tags: 'disabled' });
    expect(lt.block_device_mappings).toEqual([
      { device_name: expect.stringMatching(/^\$\{data\.aws_ami\.VmService-billing_Image_\w+\.root_device_name\}$/), ebs: { volume_size: 30, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' } },
      { device_name: '/dev/sdf', ebs: { volume_size: 100, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' } },
    ]);
    expect(lt.network_interfaces).toEqual([{ associate_public_ip_address: 'false', delete_on_termination: 'true', security_groups: [expect.stringMatching(/aws_security_group\.VmService-billing_SecurityGroup_\w+\.id/)] }]);
    expect(lt.key_name).toBeUndefined();
    expect(lt.instance_type).toBe('m6i.large');
    expect(lt.update_default_version).toBe(true);
  });

  it('resolves the image at plan time by name from the owners, so a bump is one catalogue line', () => {
    const ami = only({ resource: infra.data }, 'aws_ami');
    expect(ami).toMatchObject({ most_recent: true, owners: ['333333333333'], filter: [{ name: 'name', values: ['kore-billing-2026.11.*'] }] });
    expect(lt.image_id).toMatch(/^\$\{data\.aws_ami\.VmService-billing_Image_\w+\.id\}$/);
  });

  it('gives instances Session Manager access through a role with only the SSM core policy', () => {
    const roles = Object.values<any>(byType(infra, 'aws_iam_role')).filter((r) => r.name === 'kore-prod-use1-billing');
    expect(roles).toHaveLength(1);
    expect(JSON.parse(roles[0].assume_role_policy).Statement[0].Principal).toEqual({ Service: 'ec2.amazonaws.com' });
    const attached = Object.values<any>(byType(infra, 'aws_iam_role_policy_attachment')).filter((a) => String(a.role).includes('VmService-billing_Role'));
    expect(attached.map((a) => a.policy_arn)).toEqual(['arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore']);
    expect(lt.iam_instance_profile.arn).toMatch(/aws_iam_instance_profile\.VmService-billing_Profile_\w+\.arn/);
  });

  it('spreads the group over the private subnets behind the NLB, trusting its health checks, sized by the catalogue', () => {
    expect(asg).toMatchObject({ min_size: 2, desired_capacity: 3, max_size: 6, health_check_type: 'ELB', health_check_grace_period: 300, wait_for_capacity_timeout: '15m' });
    expect(asg.vpc_zone_identifier).toHaveLength(3);
    for (const s of asg.vpc_zone_identifier) expect(s).toMatch(/aws_subnet\.Network_Subnet-private-/);
    expect(asg.launch_template).toEqual({ id: expect.stringMatching(/aws_launch_template\.VmService-billing_LaunchTemplate_\w+\.id/), version: expect.stringMatching(/\.latest_version\}$/) });
    const lb = only(infra, 'aws_lb');
    expect(lb).toMatchObject({ name: 'kore-prod-use1-billing', internal: true, load_balancer_type: 'network', enable_cross_zone_load_balancing: true });
    const tg = only(infra, 'aws_lb_target_group');
    expect(tg).toMatchObject({ port: 8443, protocol: 'TCP', health_check: { protocol: 'HTTP', port: '8443', path: '/healthz' }, lifecycle: { create_before_destroy: true } });
    expect(asg.target_group_arns).toEqual([expect.stringMatching(/aws_lb_target_group\.VmService-billing_Port8443_\w+\.arn/)]);
    const sg = Object.values<any>(byType(infra, 'aws_security_group')).find((g) => g.name === 'kore-prod-use1-billing');
    expect(sg.ingress).toEqual([expect.objectContaining({ from_port: 8443, to_port: 8443, cidr_blocks: ['10.30.0.0/16'] })]);
  });

  it('rolls every launch template change out by an instance refresh that keeps capacity and rolls back', () => {
    expect(asg.instance_refresh).toEqual({ strategy: 'Rolling', preferences: { min_healthy_percentage: 90, max_healthy_percentage: 110, instance_warmup: '300', auto_rollback: true, skip_matching: true } });
    const big = catalogueCopy();
    big.regions.find((r) => r.id === 'prod-use1')!.vmServices![0].capacity = { min: 10, desired: 20, max: 40 };
    const refresh = Object.values<any>(byType(synthLayers('prod-use1', parseCatalogue(big, 'test')).infra, 'aws_autoscaling_group')).find((g) => g.name === 'kore-prod-use1-billing').instance_refresh;
    expect(refresh.preferences).toMatchObject({ checkpoint_percentages: [25, 50, 100], checkpoint_delay: '600' });
  });

  it('tags instances and volumes as the fleet\'s and the service\'s, and exports the internal address', () => {
    expect(lt.tag_specifications.map((t: any) => [t.resource_type, t.tags['kore-vm-service'], t.tags.service])).toEqual([['instance', 'billing', 'billing'], ['volume', 'billing', 'billing']]);
    expect(asg.tag).toEqual(expect.arrayContaining([{ key: 'kore-vm-service', value: 'billing', propagate_at_launch: true }, { key: 'kore-region', value: 'prod-use1', propagate_at_launch: true }]));
    expect(infra.output.vm_billing_address.value).toMatch(/aws_lb\.VmService-billing_LoadBalancer_\w+\.dns_name/);
  });
});

describe('AzureVmService (prod-weu billing)', () => {
  const { infra } = synthLayers('prod-weu');
  const vmss = only(infra, 'azurerm_linux_virtual_machine_scale_set');

  it('runs a Uniform scale set with a rolling upgrade through the load balancer probe and automatic repair', () => {
    expect(vmss).toMatchObject({ name: 'kore-prod-weu-billing', sku: 'Standard_D2s_v5', instances: 3, upgrade_mode: 'Rolling', zones: ['1', '2', '3'], zone_balance: true });
    expect(vmss.rolling_upgrade_policy).toEqual({ max_batch_instance_percent: 20, max_unhealthy_instance_percent: 20, max_unhealthy_upgraded_instance_percent: 20, pause_time_between_batches: 'PT2M' });
    expect(vmss.health_probe_id).toMatch(/azurerm_lb_probe\.VmService-billing_Probe_\w+\.id/);
    expect(vmss.automatic_instance_repair).toEqual({ enabled: true, grace_period: 'PT30M' });
    const probe = only(infra, 'azurerm_lb_probe');
    expect(probe).toMatchObject({ protocol: 'Http', port: 8443, request_path: '/healthz' });
    expect(only(infra, 'azurerm_lb')).toMatchObject({ sku: 'Standard', frontend_ip_configuration: [expect.objectContaining({ private_ip_address_allocation: 'Dynamic' })] });
    expect(only(infra, 'azurerm_lb').frontend_ip_configuration[0].public_ip_address_id).toBeUndefined();
    expect(only(infra, 'azurerm_lb_rule')).toMatchObject({ frontend_port: 8443, backend_port: 8443, disable_outbound_snat: true });
  });

  it('has no public IPs, no password, Entra ID login, encryption at host, the gallery image', () => {
    expect(vmss.network_interface).toEqual([{ name: 'nic', primary: true, ip_configuration: [{ name: 'internal', primary: true, subnet_id: expect.stringMatching(/azurerm_subnet\.Network_Subnet-private/), load_balancer_backend_address_pool_ids: [expect.stringMatching(/azurerm_lb_backend_address_pool/)] }] }]);
    expect(vmss.disable_password_authentication).toBe(true);
    expect(vmss.admin_password).toBeUndefined();
    expect(vmss.extension).toEqual([expect.objectContaining({ type: 'AADSSHLoginForLinux', publisher: 'Microsoft.Azure.ActiveDirectory' })]);
    expect(vmss.encryption_at_host_enabled).toBe(true);
    expect(vmss.source_image_id).toMatch(/\/galleries\/kore\/images\/billing\/versions\/2026\.11\.2$/);
    expect(vmss.identity).toEqual({ type: 'SystemAssigned' });
  });

  it('keeps the count between min and max by CPU, and lets the autoscaler own it', () => {
    const auto = only(infra, 'azurerm_monitor_autoscale_setting');
    expect(auto.profile[0].capacity).toEqual({ minimum: 2, default: 3, maximum: 6 });
    expect(auto.profile[0].rule.map((r: any) => [r.scale_action.direction, r.metric_trigger.operator, r.metric_trigger.threshold])).toEqual([['Increase', 'GreaterThan', 70], ['Decrease', 'LessThan', 30]]);
    expect(vmss.lifecycle.ignore_changes).toEqual(['instances']);
  });
});

describe('vmServices in the catalogue', () => {
  const svc = (patch: Record<string, unknown>, id = 'prod-use1') => {
    const c = catalogueCopy();
    Object.assign(c.regions.find((r) => r.id === id)!.vmServices![0], patch);
    return problemsOf(c);
  };

  it('the default fleet declares one on each cloud', () => {
    expect(defaultCatalogue().regions.filter((r) => r.vmServices.length > 0).map((r) => [r.id, r.cloud])).toEqual([['prod-use1', 'aws'], ['prod-weu', 'azure']]);
  });

  it.each([
    [{ image: { galleryImageVersionId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/galleries/g/images/i/versions/1' } }, 'prod-use1', /prod-use1.*vmServices\.0\.image: an Azure image on AWS/],
    [{ image: { ami: 'ami-0123456789abcdef0' } }, 'prod-weu', /prod-weu.*vmServices\.0\.image: an AWS image on Azure/],
    [{ capacity: { min: 4, desired: 3, max: 6 } }, 'prod-use1', /vmServices\.0\.capacity: needs min ≤ desired ≤ max \(got 4 ≤ 3 ≤ 6\)/],
    [{ healthCheck: { path: '/healthz', port: 9000 } }, 'prod-use1', /vmServices\.0\.healthCheck\.port: 9000 is not one of the service's ports \(8443\)/],
    [{ subnetTier: 'public' }, 'prod-use1', /vmServices\.0\.subnetTier: VM services run in a private tier/],
    [{ subnetTier: 'dmz' }, 'prod-use1', /vmServices\.0\.subnetTier: no such tier \(the network has public, intra, private\)/],
    [{ breakGlassSshPublicKey: 'ssh-ed25519 AAAA x' }, 'prod-use1', /vmServices\.0\.breakGlassSshPublicKey: AWS VM services have no SSH key \(Session Manager\); remove it/],
    [{ breakGlassSshPublicKey: undefined }, 'prod-weu', /vmServices\.0\.breakGlassSshPublicKey: Azure scale sets need a credential/],
    [{ name: 'a-very-long-service-name' }, 'prod-use1', /vmServices\.0\.name: the load balancer name "kore-prod-use1-a-very-long-service-name" \(\d+ characters\) breaks the cloud's rule: 1-32/],
    [{ image: { ami: 'ami-12' } }, 'prod-use1', /vmServices\.0\.image/],
  ])('refuses %j in one line naming the entry and the field', (patch, id, message) => {
    expect(svc(patch, id)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });
});

describe('the health gate reads what the constructs create', () => {
  it("names each VM service's group and scale set (and its resource group) as the synthesized stacks do", () => {
    // prod-weu as the canary, so that the plan derives its checks; prod-use1 keeps its own.
    const input = catalogueCopy();
    for (const e of input.regions as { id: string; wave: number }[]) if (e.id === 'prod-weu' || e.id === 'prod-use1') e.wave = e.id === 'prod-weu' ? 2 : 3;
    const catalogue = parseCatalogue(input, 'test');
    const checks = Object.fromEntries(rolloutPlan(catalogue).waves.flatMap((w) => w.checks).filter((c) => c.name === 'vm billing').map((c) => [c.region, c] as const));
    const aws = checks['prod-use1'];
    if (!('autoScalingGroup' in aws)) throw new Error('prod-use1 billing: no group check');
    expect(Object.values<any>(byType(synthLayers('prod-use1').infra, 'aws_autoscaling_group')).map((g) => g.name)).toContain(aws.autoScalingGroup);
    const azure = checks['prod-weu'];
    if (!('scaleSet' in azure)) throw new Error('prod-weu billing: no scale set check');
    const { infra } = synthLayers('prod-weu');
    const vmss = only(infra, 'azurerm_linux_virtual_machine_scale_set');
    expect(vmss.name).toBe(azure.scaleSet);
    const group = Object.entries<any>(byType(infra, 'azurerm_resource_group')).find(([k]) => vmss.resource_group_name === `\${azurerm_resource_group.${k}.name}`);
    expect(group?.[1].name).toBe(azure.resourceGroup);
  });
});
