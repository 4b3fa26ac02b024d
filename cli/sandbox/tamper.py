"""Changes sandbox resources behind Terraform's back, through the emulator's AWS API.

Python because boto3 always comes with moto, so this needs nothing the emulator does not already need.
Reads a JSON list of actions on stdin; the endpoint is the first argument. Loopback emulators only.
"""
import json
import sys
import urllib3

import boto3

urllib3.disable_warnings()  # the emulator's certificate is self-signed


def account_client(session, endpoint, account, service, region):
    """A client acting in `account`: the emulator keys resources by the account of the assumed role."""
    creds = session.client("sts", endpoint_url=endpoint, verify=False).assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/kore-emulator-setup", RoleSessionName="kore-emulator")["Credentials"]
    return boto3.session.Session(
        aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"], region_name=region,
    ).client(service, endpoint_url=endpoint, verify=False)


def main() -> None:
    endpoint = sys.argv[1]
    if not endpoint.startswith(("https://127.", "http://127.", "https://localhost", "http://localhost")):
        sys.exit(f"tamper: refusing non-loopback endpoint {endpoint}")
    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1")
    client = lambda name: session.client(name, endpoint_url=endpoint, verify=False)  # noqa: E731
    for action in json.load(sys.stdin):
        kind = action["kind"]
        if kind == "tag":
            client("ec2").create_tags(Resources=[action["id"]], Tags=[{"Key": k, "Value": v} for k, v in action["tags"].items()])
        elif kind == "authorize-ingress":
            client("ec2").authorize_security_group_ingress(
                GroupId=action["groupId"],
                IpPermissions=[{"IpProtocol": "tcp", "FromPort": action["port"], "ToPort": action["port"], "IpRanges": [{"CidrIp": action["cidr"]}]}],
            )
        elif kind == "delete-route":
            client("ec2").delete_route(RouteTableId=action["routeTableId"], DestinationCidrBlock=action["cidr"])
        elif kind == "put-object":
            # Into the bucket's own account (moto keeps buckets per account), entered through a role as CI does.
            s3 = account_client(session, endpoint, action["account"], "s3", action.get("region", "us-east-1"))
            s3.put_object(Bucket=action["bucket"], Key=action["key"], Body=action["body"].encode())
        elif kind == "create-state-store":
            s3 = account_client(session, endpoint, action["account"], "s3", action["region"])
            config = {} if action["region"] == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": action["region"]}}
            s3.create_bucket(Bucket=action["bucket"], **config)
            if action.get("lockTable"):
                account_client(session, endpoint, action["account"], "dynamodb", action["region"]).create_table(
                    TableName=action["lockTable"], BillingMode="PAY_PER_REQUEST",
                    AttributeDefinitions=[{"AttributeName": "LockID", "AttributeType": "S"}],
                    KeySchema=[{"AttributeName": "LockID", "KeyType": "HASH"}],
                )
        elif kind == "create-image":
            # An AMI of this account, as an image pipeline would leave it: made from an instance of a stock image.
            ec2 = account_client(session, endpoint, action["account"], "ec2", action["region"])
            stock = ec2.describe_images(ImageIds=["ami-1e749f67"])["Images"][0]["ImageId"]  # one of moto's stock images
            instance = ec2.run_instances(ImageId=stock, MinCount=1, MaxCount=1, InstanceType="t3.micro")["Instances"][0]["InstanceId"]
            ec2.create_image(InstanceId=instance, Name=action["name"])
            ec2.terminate_instances(InstanceIds=[instance])
        elif kind == "resize-nodegroup":
            client("eks").update_nodegroup_config(
                clusterName=action["cluster"], nodegroupName=action["nodegroup"], scalingConfig=action["scaling"]
            )
        else:
            sys.exit(f"tamper: unknown action {kind}")
        print(f"tamper: {kind} done", file=sys.stderr)


if __name__ == "__main__":
    main()
