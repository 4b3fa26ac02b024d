import { Rule, verdict } from '../../rule';

/** VPC without flow logs. */
export const vpcFlowLogs: Rule = {
  id: 'AWS-VPC-001',
  level: 'error',
  appliesTo: ['aws_vpc'],
  message: "VPC without flow logs",
  why: "Flow logs are the only record of which address talked to which during an incident.",
  link: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
  check: (r, view) => verdict(view.referencing('aws_flow_log', r).length > 0),
};
