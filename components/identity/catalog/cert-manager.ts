// cert-manager's ACME DNS-01 solver for Route 53, modelled on cert-manager.io/docs/configuration/
// acme/dns01/route53 ("Set up an IAM Policy") and terraform-aws-modules/eks-pod-identity
// cert_manager.tf. The docs' optional tightening is applied: record changes are limited to TXT
// records (the only type DNS-01 writes). Record names are not restricted, so CNAME-delegated
// challenges keep working.
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, need, oneOrMany } from "./entry";
import { globalArn } from "./arns";

const KIND = "cert-manager";

function statements(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyStatement[] {
    const zones = oneOrMany(need(args.hostedZoneArns, "hostedZoneArns", KIND));
    return [
        {
            // Polls the change it submitted until Route 53 reports INSYNC.
            Sid: "GetChange",
            Effect: "Allow",
            Action: "route53:GetChange",
            Resource: globalArn(ctx, "route53", "change/*"),
        },
        {
            Sid: "WriteChallengeRecords",
            Effect: "Allow",
            Action: "route53:ChangeResourceRecordSets",
            Resource: zones,
            Condition: {
                "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] },
            },
        },
        {
            Sid: "ListRecords",
            Effect: "Allow",
            Action: "route53:ListResourceRecordSets",
            Resource: zones,
        },
        {
            // Finds the zone for a domain; supports no resource type.
            Sid: "FindZone",
            Effect: "Allow",
            Action: "route53:ListHostedZonesByName",
            Resource: "*",
        },
    ];
}

export const certManager: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "cert-manager/website",
        path: "content/docs/configuration/acme/dns01/route53.md",
        version: "master @ 776e5dba",
        drops: [],
    },
    required: ["hostedZoneArns"],
    optional: [],
    statements,
};
