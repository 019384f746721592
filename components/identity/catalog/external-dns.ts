// ExternalDNS, modelled on its AWS tutorial's policy (kubernetes-sigs/external-dns
// docs/tutorials/aws.md, "IAM Policy") and terraform-aws-modules/eks-pod-identity external_dns.tf,
// with the zone list mandatory (no `hostedzone/*` default). Upstream grants
// ListResourceRecordSets and ListTagsForResource on `*`; both accept a hosted zone resource, so
// they are scoped to the same zones: run ExternalDNS with `--zone-id-filter` for these zones.
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, need, oneOrMany } from "./entry";

const KIND = "external-dns";

function statements(args: ResolvedWellKnownPolicy, _ctx: CatalogContext): PolicyStatement[] {
    const zones = need(args.hostedZoneArns, "hostedZoneArns", KIND);
    return [
        {
            Sid: "ManageRecordsInZones",
            Effect: "Allow",
            Action: [
                "route53:ChangeResourceRecordSets",
                "route53:ListResourceRecordSets",
                "route53:ListTagsForResource",
            ],
            Resource: oneOrMany(zones),
        },
        {
            // ListHostedZones supports no resource type.
            Sid: "ListZones",
            Effect: "Allow",
            Action: "route53:ListHostedZones",
            Resource: "*",
        },
    ];
}

export const externalDns: CatalogEntry = {
    kind: KIND,
    upstream: {
        repository: "kubernetes-sigs/external-dns",
        path: "docs/tutorials/aws.md",
        version: "v0.22.0",
        drops: [],
    },
    required: ["hostedZoneArns"],
    optional: [],
    statements,
};
