import { block, blocks, Rule, verdict } from '../../rule';

/** Launch template giving instances a public IP. */
export const ec2NoPublicIp: Rule = {
  id: 'AWS-EC2-005',
  level: 'error',
  appliesTo: ['aws_launch_template'],
  message: "Launch template giving instances a public IP address",
  why: "An instance with a public address is one security group mistake away from the internet; services are reached through their load balancer.",
  link: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html",
  check: (r) => verdict(blocks(r.config.network_interfaces).every((n) => String(block(n)?.associate_public_ip_address) !== 'true')),
};
