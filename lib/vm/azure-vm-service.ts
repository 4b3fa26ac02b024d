import { Lb } from '@cdktf/provider-azurerm/lib/lb';
import { LbBackendAddressPool } from '@cdktf/provider-azurerm/lib/lb-backend-address-pool';
import { LbProbe } from '@cdktf/provider-azurerm/lib/lb-probe';
import { LbRule } from '@cdktf/provider-azurerm/lib/lb-rule';
import { LinuxVirtualMachineScaleSet } from '@cdktf/provider-azurerm/lib/linux-virtual-machine-scale-set';
import { MonitorAutoscaleSetting } from '@cdktf/provider-azurerm/lib/monitor-autoscale-setting';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { Construct } from 'constructs';
import { healthPortOf, IVmService, VmServiceProps } from './vm-service';

export interface AzureVmServiceProps extends VmServiceProps {
  readonly location: string;
  /**
   * Public half of a break-glass SSH key kept offline. Azure requires a credential on every Linux scale set; with
   * password login off and Entra ID login on (AADSSHLoginForLinux), nobody logs in with this key day to day. A public
   * key is no secret: it may sit in the catalogue.
   */
  readonly breakGlassSshPublicKey: string;
}

const ADMIN_USER = 'kore';

/**
 * A VM service on Azure: a Linux scale set (Uniform orchestration: its rolling upgrade policy and automatic
 * instance repair through the load balancer's probe are the mature path in azurerm) in the network's private tier,
 * behind an internal Standard load balancer, no public IPs, encryption at host, Entra ID login instead of keys
 * and passwords. An image change rolls through the set in batches, each waiting for the probe; a CPU autoscale
 * setting keeps the instance count between min and max.
 */
export class AzureVmService extends Construct implements IVmService {
  public readonly cloud = 'azure' as const;
  public readonly serviceName: string;
  public readonly groupName: string;
  public readonly address: string;
  public readonly healthPort: number;
  public readonly scaleSet: LinuxVirtualMachineScaleSet;

  constructor(scope: Construct, id: string, props: AzureVmServiceProps) {
    super(scope, id);
    if ('ami' in props.image || 'amiName' in props.image) throw new Error(`${props.name}: an AWS image on Azure`);
    this.serviceName = props.name;
    this.healthPort = healthPortOf(props);
    const name = `${props.prefix}-${props.name}`;
    const tags = { ...props.tags, 'kore-vm-service': props.name };
    const subnets = props.network.subnets(props.subnetTier ?? 'private');
    // Azure subnets span zones: the set and its frontend spread over the network's zones.
    const zones = [...props.network.zones];
    const group = new ResourceGroup(this, 'ResourceGroup', { name, location: props.location, tags });

    const lb = new Lb(this, 'LoadBalancer', {
      name,
      location: props.location,
      resourceGroupName: group.name,
      sku: 'Standard',
      frontendIpConfiguration: [{ name: 'internal', subnetId: subnets[0].subnetId, privateIpAddressAllocation: 'Dynamic', zones }],
      tags,
    });
    this.address = lb.privateIpAddress;
    const pool = new LbBackendAddressPool(this, 'Pool', { name: 'instances', loadbalancerId: lb.id });
    const probe = new LbProbe(this, 'Probe', { name: 'health', loadbalancerId: lb.id, protocol: 'Http', port: this.healthPort, requestPath: props.healthCheck.path, intervalInSeconds: 10, numberOfProbes: 3 });
    for (const port of props.ports) {
      new LbRule(this, `Port${port}`, {
        name: `port-${port}`,
        loadbalancerId: lb.id,
        protocol: 'Tcp',
        frontendPort: port,
        backendPort: port,
        frontendIpConfigurationName: 'internal',
        backendAddressPoolIds: [pool.id],
        probeId: probe.id,
        // Outbound goes through the network's NAT gateway, not through the load balancer.
        disableOutboundSnat: true,
      });
    }

    const image = props.image;
    this.groupName = name;
    this.scaleSet = new LinuxVirtualMachineScaleSet(this, 'ScaleSet', {
      name,
      location: props.location,
      resourceGroupName: group.name,
      sku: props.size,
      instances: props.capacity.desired,
      zones,
      zoneBalance: zones.length > 1,
      adminUsername: ADMIN_USER,
      disablePasswordAuthentication: true,
      adminSshKey: [{ username: ADMIN_USER, publicKey: props.breakGlassSshPublicKey }],
      ...('galleryImageVersionId' in image ? { sourceImageId: image.galleryImageVersionId } : { sourceImageReference: { publisher: image.publisher, offer: image.offer, sku: image.sku, version: image.version } }),
      osDisk: { caching: 'ReadWrite', storageAccountType: 'Premium_LRS', diskSizeGb: props.rootVolumeGb ?? 30 },
      dataDisk: (props.dataVolumes ?? []).map((v, lun) => ({ lun, caching: 'ReadOnly', diskSizeGb: v.sizeGb, storageAccountType: 'Premium_LRS' })),
      encryptionAtHostEnabled: true,
      secureBootEnabled: true,
      vtpmEnabled: true,
      identity: { type: 'SystemAssigned' },
      bootDiagnostics: {},
      networkInterface: [
        {
          name: 'nic',
          primary: true,
          // No public_ip_address block: instances are reached through the internal load balancer only.
          ipConfiguration: [{ name: 'internal', primary: true, subnetId: subnets[0].subnetId, loadBalancerBackendAddressPoolIds: [pool.id] }],
        },
      ],
      upgradeMode: 'Rolling',
      healthProbeId: probe.id,
      rollingUpgradePolicy: { maxBatchInstancePercent: 20, maxUnhealthyInstancePercent: 20, maxUnhealthyUpgradedInstancePercent: 20, pauseTimeBetweenBatches: 'PT2M' },
      // An instance whose probe fails is replaced; the grace period covers boot and warm-up.
      automaticInstanceRepair: { enabled: true, gracePeriod: 'PT30M' },
      extension: [{ name: 'entra-login', publisher: 'Microsoft.Azure.ActiveDirectory', type: 'AADSSHLoginForLinux', typeHandlerVersion: '1.0', autoUpgradeMinorVersion: true }],
      tags,
      // The autoscale setting owns the instance count once the set exists.
      lifecycle: { ignoreChanges: ['instances'] },
    });

    const { min, desired, max } = props.capacity;
    const rule = (direction: 'Increase' | 'Decrease', operator: 'GreaterThan' | 'LessThan', threshold: number) => ({
      metricTrigger: { metricName: 'Percentage CPU', metricResourceId: this.scaleSet.id, timeGrain: 'PT1M', statistic: 'Average', timeWindow: 'PT10M', timeAggregation: 'Average', operator, threshold },
      scaleAction: { direction, type: 'ChangeCount', value: 1, cooldown: 'PT10M' },
    });
    new MonitorAutoscaleSetting(this, 'Autoscale', {
      name,
      location: props.location,
      resourceGroupName: group.name,
      targetResourceId: this.scaleSet.id,
      profile: [{ name: 'cpu', capacity: { minimum: min, default: desired, maximum: max }, rule: [rule('Increase', 'GreaterThan', 70), rule('Decrease', 'LessThan', 30)] }],
      tags,
    });
  }
}
