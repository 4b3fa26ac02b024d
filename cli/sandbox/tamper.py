"""Changes sandbox resources behind Terraform's back, through the emulator's AWS API.

Python because boto3 always comes with moto, so this needs nothing the emulator does not already need.
Reads a JSON list of actions on stdin; the endpoint is the first argument. Loopback emulators only.
"""
import json
import sys
import urllib3

import boto3

urllib3.disable_warnings()  # the emulator's certificate is self-signed


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
        elif kind == "resize-nodegroup":
            client("eks").update_nodegroup_config(
                clusterName=action["cluster"], nodegroupName=action["nodegroup"], scalingConfig=action["scaling"]
            )
        else:
            sys.exit(f"tamper: unknown action {kind}")
        print(f"tamper: {kind} done", file=sys.stderr)


if __name__ == "__main__":
    main()
