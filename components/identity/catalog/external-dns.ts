// ExternalDNS, modelled on its AWS tutorial's policy (kubernetes-sigs/external-dns v0.22.0
// docs/tutorials/aws.md, "IAM Policy") and terraform-aws-modules/eks-pod-identity external_dns.tf,
// with changes limited to the listed zones (no `hostedzone/*` default). The reads stay on every
// hosted zone as upstream has them: `provider/aws/aws.go` lists the records of every zone that
// passes its filters (all zones without `--zone-id-filter`, ExternalDNS's default), and one
// AccessDenied aborts the whole sync; `ListTagsForResources` (plural) is called with
// `--aws-zone-tags`. Run ExternalDNS with `--zone-id-filter=<id>` for each zone of
// `hostedZoneArns` (the part after `hostedzone/`), so it plans changes only where it may make them.
import { PolicyStatement } from "../../common/iamDocument";
import { CatalogContext, ResolvedWellKnownPolicy } from "./args";
import { CatalogEntry, need, oneOrMany } from "./entry";
import { globalArn } from "./arns";

const KIND = "external-dns";

function statements(args: ResolvedWellKnownPolicy, ctx: CatalogContext): PolicyStatement[] {
    const zones = need(args.hostedZoneArns, "hostedZoneArns", KIND);
    return [
        {
            Sid: "ManageRecordsInZones",
            Effect: "Allow",
            Action: "route53:ChangeResourceRecordSets",
            Resource: oneOrMany(zones),
        },
        {
            // Read-only, on every zone the controller's filters may match (see above).
            Sid: "ReadAllZones",
            Effect: "Allow",
            Action: ["route53:ListResourceRecordSets", "route53:ListTagsForResources"],
            Resource: globalArn(ctx, "route53", "hostedzone/*"),
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
