// Every trust policy the project generates, evaluated by an independent IAM evaluator
// (@cloud-copilot/iam-simulate, see ./simulate.ts for the harness and its EKS-issuer rewrite):
// the intended caller is Allowed and every neighbour (other service account, namespace, cluster,
// issuer, audience, account, service principal, mechanism, action) is denied. Property-based
// cases over random DNS-1123 names follow, then mutants of the documents (the known
// misconfigurations) that the same requests must catch; the last test states how many requests
// were evaluated. Cluster and node role trusts carry no account condition: the shape AWS
// documents, kept visible as "allowed by design" rather than hidden.
import * as assert from "assert";
import * as fc from "fast-check";
import { PolicyDocument, policyDocument } from "../../../components/common/iamDocument";
import {
    autoModeClusterTrustPolicy,
    nodeTrustPolicy,
    serviceTrustPolicy,
} from "../../../components/trust/service";
import { fargateTrustPolicy } from "../../../components/trust/service";
import { IdentityMode } from "../../../components/identity/mode";
import {
    POD_IDENTITY_PRINCIPAL,
    STS_AUDIENCE,
    serviceAccountSubject,
} from "../../../components/trust/eksIdentity";
import { irsaTrustStatement } from "../../../components/trust/irsa";
import { podIdentityTrustStatement } from "../../../components/trust/podIdentity";
import { workloadTrustPolicy } from "../../../components/trust/workload";
import {
    FOREIGN_ISSUER_NAMESPACE,
    REQUESTING_ISSUER_NAMESPACE,
    TrustRequest,
    evaluateTrust,
    evaluatedRequests,
    mapIssuerKeys,
    mismatches,
    simulateRaw,
} from "./simulate";

const ACCOUNT = "111122223333";
const OTHER_ACCOUNT = "444455556666";
const NS = "payments";
const SA = "ledger";

const FARGATE_PRINCIPAL = "eks-fargate-pods.amazonaws.com";
const EKS_PRINCIPAL = "eks.amazonaws.com";
const EC2_PRINCIPAL = "ec2.amazonaws.com";
const ASSUME = "sts:AssumeRole";
const AUTO_CLUSTER_ROLE = "EKS Auto Mode cluster role (eks.amazonaws.com, sts:AssumeRole and sts:TagSession)";
const AUTO_NODE_ROLE = "EKS Auto Mode node role (ec2.amazonaws.com)";
const TAG = "sts:TagSession";
const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";

interface Cluster {
    /** Short label for request descriptions. */
    id: string;
    name: string;
    region: string;
    account: string;
    arn: string;
    issuer: string;
    providerArn: string;
}

function cluster(id: string, name: string, region: string, oidcId: string, account = ACCOUNT): Cluster {
    const issuer = `oidc.eks.${region}.amazonaws.com/id/${oidcId}`;
    return {
        id,
        name,
        region,
        account,
        arn: `arn:aws:eks:${region}:${account}:cluster/${name}`,
        issuer,
        providerArn: `arn:aws:iam::${account}:oidc-provider/${issuer}`,
    };
}

// Trusted clusters: blue and green (blue/green upgrade), dr in another region.
const BLUE = cluster("blue", "blue", "us-west-2", "B1E0000000000000000000000000000A");
const GREEN = cluster("green", "green", "us-west-2", "6EE0000000000000000000000000000B");
const DR = cluster("dr", "dr", "eu-west-1", "D400000000000000000000000000000C");
// Never trusted.
const STAGING = cluster("staging", "staging", "us-west-2", "5A60000000000000000000000000000D");
const BLUE_OTHER_REGION = cluster("blue@us-east-1", "blue", "us-east-1", "B1E0000000000000000000000000000E");
const BLUE_OTHER_ACCOUNT = cluster(
    "blue@other-account",
    "blue",
    "us-west-2",
    "B1E0000000000000000000000000000F",
    OTHER_ACCOUNT,
);
/** Blue's own issuer, registered as an OIDC provider in another account. */
const BLUE_FOREIGN_PROVIDER: Cluster = {
    ...BLUE,
    id: "blue issuer via another account's provider",
    providerArn: `arn:aws:iam::${OTHER_ACCOUNT}:oidc-provider/${BLUE.issuer}`,
};

// ---------------------------------------------------------------------------------------------
// Requests

interface Identity {
    namespace: string;
    serviceAccount: string;
}
const WORKLOAD: Identity = { namespace: NS, serviceAccount: SA };

interface IrsaOptions {
    sub?: string | null;
    aud?: string | null;
    principal?: string;
    action?: string;
}

/** AssumeRoleWithWebIdentity with a projected token of `c` for `who` (null drops a claim). */
function irsaRequest(label: string, c: Cluster, who: Identity, opts: IrsaOptions = {}): TrustRequest {
    const sub = opts.sub === undefined ? serviceAccountSubject(who.namespace, who.serviceAccount) : opts.sub;
    const aud = opts.aud === undefined ? STS_AUDIENCE : opts.aud;
    return {
        label: `IRSA ${c.id}: ${label}`,
        principal: opts.principal ?? c.providerArn,
        action: opts.action ?? WEB_IDENTITY,
        token: { issuer: c.issuer, sub: sub ?? undefined, aud: aud ?? undefined },
    };
}

interface PodIdentityOptions {
    sourceAccount?: string | null;
    /** false: the association disables session tags, EKS sends none. */
    tags?: boolean;
    omitTag?: string;
    principal?: string;
    action?: string;
}

/** What the EKS Auth service sends to STS for an association of `c` and `who`. */
function podIdentityRequest(
    label: string,
    c: Cluster,
    who: Identity,
    opts: PodIdentityOptions = {},
): TrustRequest {
    const context: Record<string, string | string[]> = {};
    const sourceAccount = opts.sourceAccount === undefined ? c.account : opts.sourceAccount;
    if (sourceAccount !== null) {
        context["aws:SourceAccount"] = sourceAccount;
    }
    if (opts.tags !== false) {
        const tags: Record<string, string> = {
            "eks-cluster-arn": c.arn,
            "eks-cluster-name": c.name,
            "kubernetes-namespace": who.namespace,
            "kubernetes-service-account": who.serviceAccount,
            "kubernetes-pod-name": `${who.serviceAccount}-7d9f8b6c5-x2x9z`,
            "kubernetes-pod-uid": "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        };
        if (opts.omitTag) {
            delete tags[opts.omitTag];
        }
        for (const [key, value] of Object.entries(tags)) {
            context[`aws:RequestTag/${key}`] = value;
        }
        context["aws:TagKeys"] = Object.keys(tags);
    }
    return {
        label: `Pod Identity ${c.id}: ${label}`,
        principal: opts.principal ?? POD_IDENTITY_PRINCIPAL,
        action: opts.action ?? ASSUME,
        context,
    };
}

/** EKS Auth calls AssumeRole with tags, which needs TagSession too: check both actions. */
function bothActions(request: TrustRequest): TrustRequest[] {
    return [ASSUME, TAG].map((action) => ({ ...request, label: `${request.label} [${action}]`, action }));
}

function withPrincipal(request: TrustRequest, principal: string, action = request.action): TrustRequest {
    return { ...request, label: `${request.label} as ${principal} [${action}]`, principal, action };
}

// ---------------------------------------------------------------------------------------------
// Neighbours

/** `preferred`, unless that is the intended value itself (then a name that cannot be). */
function otherThan(intended: string, preferred: string): string {
    return preferred === intended ? `${preferred}-other` : preferred;
}

/** Tokens of `c` that differ from the intended one in exactly one claim. */
function irsaTokenNeighbours(c: Cluster, who: Identity): TrustRequest[] {
    const { namespace, serviceAccount } = who;
    return [
        irsaRequest("other service account", c, {
            namespace,
            serviceAccount: otherThan(serviceAccount, "billing"),
        }),
        irsaRequest("service account name extended", c, {
            namespace,
            serviceAccount: `${serviceAccount}-canary`,
        }),
        irsaRequest("service account in upper case", c, {
            namespace,
            serviceAccount: serviceAccount.toUpperCase(),
        }),
        irsaRequest("default service account", c, {
            namespace,
            serviceAccount: otherThan(serviceAccount, "default"),
        }),
        irsaRequest("other namespace", c, { namespace: otherThan(namespace, "kube-system"), serviceAccount }),
        irsaRequest("namespace name extended", c, { namespace: `${namespace}-dev`, serviceAccount }),
        irsaRequest("namespace and service account swapped", c, {
            namespace: serviceAccount,
            serviceAccount: namespace,
        }),
        irsaRequest("subject not a service account", c, who, {
            sub: `system:node:ip-10-0-0-1.${c.region}.compute.internal`,
        }),
        irsaRequest("no sub claim", c, who, { sub: null }),
        irsaRequest("other audience", c, who, { aud: "https://kubernetes.default.svc" }),
        irsaRequest("audience in upper case", c, who, { aud: STS_AUDIENCE.toUpperCase() }),
        irsaRequest("no aud claim", c, who, { aud: null }),
    ];
}

/** IRSA callers that are not the trusted providers, plus the wrong actions for a Federated principal. */
function irsaCallerNeighbours(c: Cluster, who: Identity): TrustRequest[] {
    return [
        irsaRequest("untrusted cluster (other issuer)", STAGING, who),
        irsaRequest("trusted issuer, provider in another account", BLUE_FOREIGN_PROVIDER, who),
        irsaRequest("Federated principal with sts:AssumeRole", c, who, { action: ASSUME }),
        // STS evaluates no web-identity claims for TagSession (iam-simulate would drop them): none sent.
        irsaRequest("Federated principal with sts:TagSession", c, who, { action: TAG, sub: null, aud: null }),
    ];
}

/** Associations that differ from the intended one in one respect, for both STS actions. */
function podIdentityNeighbours(c: Cluster, who: Identity): TrustRequest[] {
    const { namespace, serviceAccount } = who;
    return [
        podIdentityRequest("other service account", c, {
            namespace,
            serviceAccount: otherThan(serviceAccount, "billing"),
        }),
        podIdentityRequest("service account name extended", c, {
            namespace,
            serviceAccount: `${serviceAccount}-canary`,
        }),
        podIdentityRequest("other namespace", c, {
            namespace: otherThan(namespace, "kube-system"),
            serviceAccount,
        }),
        podIdentityRequest("namespace name extended", c, { namespace: `${namespace}-dev`, serviceAccount }),
        podIdentityRequest("namespace and service account swapped", c, {
            namespace: serviceAccount,
            serviceAccount: namespace,
        }),
        podIdentityRequest("other account (aws:SourceAccount)", c, who, { sourceAccount: OTHER_ACCOUNT }),
        podIdentityRequest("no aws:SourceAccount", c, who, { sourceAccount: null }),
        podIdentityRequest("no session tags (association with disableSessionTags)", c, who, { tags: false }),
        podIdentityRequest("no eks-cluster-arn tag", c, who, { omitTag: "eks-cluster-arn" }),
        podIdentityRequest("no kubernetes-namespace tag", c, who, { omitTag: "kubernetes-namespace" }),
        podIdentityRequest("no kubernetes-service-account tag", c, who, {
            omitTag: "kubernetes-service-account",
        }),
    ].flatMap(bothActions);
}

/** Clusters that must never be able to use the role through Pod Identity. */
function podIdentityClusterNeighbours(who: Identity): TrustRequest[] {
    return [
        podIdentityRequest("untrusted cluster ARN", STAGING, who),
        podIdentityRequest("same cluster name, other region", BLUE_OTHER_REGION, who),
        podIdentityRequest("same cluster name, other account", BLUE_OTHER_ACCOUNT, who),
    ].flatMap(bothActions);
}

/** The Pod Identity request made by another service principal, or with the web-identity action. */
function podIdentityPrincipalNeighbours(c: Cluster, who: Identity): TrustRequest[] {
    const intended = podIdentityRequest("intended association", c, who);
    return [
        withPrincipal(intended, EC2_PRINCIPAL),
        withPrincipal(intended, EKS_PRINCIPAL),
        withPrincipal(intended, FARGATE_PRINCIPAL),
        withPrincipal(intended, POD_IDENTITY_PRINCIPAL, WEB_IDENTITY),
    ];
}

// ---------------------------------------------------------------------------------------------
// The matrix

interface PolicyCase {
    kind: string;
    policy: PolicyDocument | string;
    allowed: TrustRequest[];
    denied: TrustRequest[];
    /** Allowed by the documented, weaker shape of this trust (kept visible, counted). */
    allowedByDesign?: TrustRequest[];
}

function irsaIntended(c: Cluster, who = WORKLOAD): TrustRequest {
    return irsaRequest("intended service account", c, who);
}

function podIdentityIntended(c: Cluster, who = WORKLOAD): TrustRequest[] {
    return bothActions(podIdentityRequest("intended association", c, who));
}

function trust(
    mode: IdentityMode,
    clusters: Cluster[],
    who = WORKLOAD,
    disableSessionTags?: boolean,
): PolicyDocument {
    return workloadTrustPolicy({
        mode,
        accountId: ACCOUNT,
        clusters: clusters.map((c) => ({
            clusterArn: c.arn,
            oidcProviderArn: c.providerArn,
            oidcIssuer: c.issuer,
        })),
        namespace: who.namespace,
        serviceAccount: who.serviceAccount,
        disableSessionTags,
    });
}

const VPC_CNI: Identity = { namespace: "kube-system", serviceAccount: "aws-node" };

const CASES: PolicyCase[] = [
    {
        kind: "IRSA, one cluster",
        policy: trust("irsa", [BLUE]),
        allowed: [irsaIntended(BLUE)],
        denied: [
            ...irsaTokenNeighbours(BLUE, WORKLOAD),
            ...irsaCallerNeighbours(BLUE, WORKLOAD),
            // A Pod Identity association against an IRSA-only role.
            ...podIdentityIntended(BLUE),
            ...podIdentityPrincipalNeighbours(BLUE, WORKLOAD),
        ],
    },
    {
        kind: "IRSA, single statement (irsaTrustStatement, issuer derived from the provider ARN)",
        policy: policyDocument(irsaTrustStatement({ oidcProviderArn: GREEN.providerArn, ...WORKLOAD })),
        allowed: [irsaIntended(GREEN)],
        denied: [...irsaTokenNeighbours(GREEN, WORKLOAD), ...irsaCallerNeighbours(GREEN, WORKLOAD)],
    },
    {
        kind: "IRSA, three clusters (blue, green, dr)",
        policy: trust("irsa", [BLUE, GREEN, DR]),
        allowed: [BLUE, GREEN, DR].map((c) => irsaIntended(c)),
        denied: [
            ...[BLUE, GREEN, DR].flatMap((c) => irsaTokenNeighbours(c, WORKLOAD)),
            ...irsaCallerNeighbours(DR, WORKLOAD),
            irsaRequest("same cluster name in another region (other issuer)", BLUE_OTHER_REGION, WORKLOAD),
            ...podIdentityIntended(GREEN),
        ],
    },
    {
        kind: "Pod Identity, one cluster",
        policy: trust("pod-identity", [BLUE]),
        allowed: podIdentityIntended(BLUE),
        denied: [
            ...podIdentityNeighbours(BLUE, WORKLOAD),
            ...podIdentityClusterNeighbours(WORKLOAD),
            ...bothActions(podIdentityRequest("cluster of the account not in the list", GREEN, WORKLOAD)),
            ...podIdentityPrincipalNeighbours(BLUE, WORKLOAD),
            // A Federated (IRSA) request against a Pod Identity-only role.
            irsaIntended(BLUE),
        ],
    },
    {
        kind: "Pod Identity, single statement (podIdentityTrustStatement)",
        policy: policyDocument(
            podIdentityTrustStatement({ accountId: ACCOUNT, clusterArns: [GREEN.arn], ...WORKLOAD }),
        ),
        allowed: podIdentityIntended(GREEN),
        denied: [
            ...podIdentityNeighbours(GREEN, WORKLOAD),
            ...podIdentityClusterNeighbours(WORKLOAD),
            ...podIdentityPrincipalNeighbours(GREEN, WORKLOAD),
            irsaIntended(GREEN),
        ],
    },
    {
        kind: "Pod Identity, three clusters (blue, green, dr)",
        policy: trust("pod-identity", [BLUE, GREEN, DR]),
        allowed: [BLUE, GREEN, DR].flatMap((c) => podIdentityIntended(c)),
        denied: [
            ...[BLUE, GREEN, DR].flatMap((c) => podIdentityNeighbours(c, WORKLOAD)),
            ...podIdentityClusterNeighbours(WORKLOAD),
            ...podIdentityPrincipalNeighbours(DR, WORKLOAD),
            ...[BLUE, GREEN, DR].map((c) => irsaIntended(c)),
        ],
    },
    {
        kind: "both (IRSA + Pod Identity), one cluster",
        policy: trust("both", [BLUE]),
        allowed: [irsaIntended(BLUE), ...podIdentityIntended(BLUE)],
        denied: [
            ...irsaTokenNeighbours(BLUE, WORKLOAD),
            ...irsaCallerNeighbours(BLUE, WORKLOAD),
            ...podIdentityNeighbours(BLUE, WORKLOAD),
            ...podIdentityClusterNeighbours(WORKLOAD),
            ...podIdentityPrincipalNeighbours(BLUE, WORKLOAD),
        ],
    },
    {
        kind: "both (IRSA + Pod Identity), three clusters",
        policy: trust("both", [BLUE, GREEN, DR]),
        allowed: [BLUE, GREEN, DR].flatMap((c) => [irsaIntended(c), ...podIdentityIntended(c)]),
        denied: [
            ...[BLUE, GREEN, DR].flatMap((c) => [
                ...irsaTokenNeighbours(c, WORKLOAD),
                ...podIdentityNeighbours(c, WORKLOAD),
            ]),
            ...irsaCallerNeighbours(GREEN, WORKLOAD),
            ...podIdentityClusterNeighbours(WORKLOAD),
            ...podIdentityPrincipalNeighbours(GREEN, WORKLOAD),
        ],
    },
    {
        // The documented weaker posture: without session tags EKS sends no aws:RequestTag/*, so the
        // role can only be scoped to the account; any association in the account may use it.
        kind: "Pod Identity with disableSessionTags (scoped by account only, documented)",
        policy: trust("pod-identity", [BLUE], WORKLOAD, true),
        allowed: bothActions(
            podIdentityRequest("intended association, no session tags", BLUE, WORKLOAD, { tags: false }),
        ),
        allowedByDesign: [
            podIdentityRequest(
                "other namespace and service account, no session tags",
                BLUE,
                { namespace: "kube-system", serviceAccount: "billing" },
                { tags: false },
            ),
            podIdentityRequest("untrusted cluster of the account, no session tags", STAGING, WORKLOAD, {
                tags: false,
            }),
            podIdentityRequest("other service account, tagged", BLUE, {
                namespace: NS,
                serviceAccount: "billing",
            }),
            podIdentityRequest("other namespace, tagged", BLUE, {
                namespace: "kube-system",
                serviceAccount: SA,
            }),
        ],
        denied: [
            ...bothActions(
                podIdentityRequest("other account (aws:SourceAccount)", BLUE, WORKLOAD, {
                    tags: false,
                    sourceAccount: OTHER_ACCOUNT,
                }),
            ),
            ...bothActions(
                podIdentityRequest("cluster of another account", BLUE_OTHER_ACCOUNT, WORKLOAD, {
                    tags: false,
                }),
            ),
            ...bothActions(
                podIdentityRequest("no aws:SourceAccount", BLUE, WORKLOAD, {
                    tags: false,
                    sourceAccount: null,
                }),
            ),
            ...podIdentityPrincipalNeighbours(BLUE, WORKLOAD),
            irsaIntended(BLUE),
        ],
    },
    {
        kind: "vpc-cni identity of EksCluster (pod-identity, kube-system/aws-node)",
        policy: trust("pod-identity", [BLUE], VPC_CNI),
        allowed: podIdentityIntended(BLUE, VPC_CNI),
        denied: [
            ...bothActions(
                podIdentityRequest("kube-proxy", BLUE, {
                    namespace: "kube-system",
                    serviceAccount: "kube-proxy",
                }),
            ),
            ...bothActions(
                podIdentityRequest("coredns", BLUE, { namespace: "kube-system", serviceAccount: "coredns" }),
            ),
            ...podIdentityNeighbours(BLUE, VPC_CNI),
            ...podIdentityClusterNeighbours(VPC_CNI),
            ...podIdentityPrincipalNeighbours(BLUE, VPC_CNI),
            irsaIntended(BLUE, VPC_CNI),
        ],
    },
    {
        kind: "vpc-cni identity of EksCluster (irsa, kube-system/aws-node)",
        policy: trust("irsa", [BLUE], VPC_CNI),
        allowed: [irsaIntended(BLUE, VPC_CNI)],
        denied: [
            irsaRequest("kube-proxy", BLUE, { namespace: "kube-system", serviceAccount: "kube-proxy" }),
            ...irsaTokenNeighbours(BLUE, VPC_CNI),
            ...irsaCallerNeighbours(BLUE, VPC_CNI),
            ...podIdentityIntended(BLUE, VPC_CNI),
        ],
    },
    ...serviceRoleCases(),
];

function serviceRequest(
    label: string,
    principal: string,
    action = ASSUME,
    context: Record<string, string> = {},
): TrustRequest {
    return { label: `${label} [${action}]`, principal, action, context };
}

/**
 * The platform's own roles. EksCluster and the node role pass exactly these calls to
 * serviceTrustPolicy (tests/components/cluster/eksCluster.test.ts and nodegroups/fixtures.ts pin the JSON);
 * the Fargate pod execution trust comes from its exported builder.
 */
function serviceRoleCases(): PolicyCase[] {
    const mine = { "aws:SourceAccount": ACCOUNT };
    const otherPrincipals = (intended: string): TrustRequest[] =>
        [EKS_PRINCIPAL, EC2_PRINCIPAL, FARGATE_PRINCIPAL, POD_IDENTITY_PRINCIPAL]
            .filter((p) => p !== intended)
            .map((p) => serviceRequest(`other service principal ${p}`, p, ASSUME, mine));
    const notService = (intended: string): TrustRequest[] => [
        serviceRequest(`${intended} with sts:TagSession`, intended, TAG, mine),
        serviceRequest(`${intended} with sts:AssumeRoleWithWebIdentity`, intended, WEB_IDENTITY, mine),
        irsaRequest("Federated principal", BLUE, WORKLOAD),
        serviceRequest("IAM role of the account", `arn:aws:iam::${ACCOUNT}:role/admin`, ASSUME),
    ];

    const profileArn = (c: Cluster, profile = "default") =>
        `arn:aws:eks:${c.region}:${c.account}:fargateprofile/${c.name}/${profile}/a4c6e1f2-0b1d-2e3f-4a5b-6c7d8e9f0a1b`;
    const fargate = (
        label: string,
        sourceArn: string | null,
        account = ACCOUNT,
        principal = FARGATE_PRINCIPAL,
        action = ASSUME,
    ) =>
        serviceRequest(label, principal, action, {
            "aws:SourceAccount": account,
            ...(sourceArn === null ? {} : { "aws:SourceArn": sourceArn }),
        });
    const BLUE_PREFIXED = cluster("blue-2", "blue-2", "us-west-2", "B1E00000000000000000000000000010");

    return [
        {
            kind: "EKS cluster role (eks.amazonaws.com)",
            policy: serviceTrustPolicy(EKS_PRINCIPAL),
            allowed: [serviceRequest("EKS control plane", EKS_PRINCIPAL, ASSUME, mine)],
            // No aws:SourceAccount / aws:SourceArn condition: the trust AWS documents for this
            // role. Only a caller with iam:PassRole on the role can hand it to EKS.
            allowedByDesign: [
                serviceRequest("EKS on behalf of another account", EKS_PRINCIPAL, ASSUME, {
                    "aws:SourceAccount": OTHER_ACCOUNT,
                }),
            ],
            denied: [...otherPrincipals(EKS_PRINCIPAL), ...notService(EKS_PRINCIPAL)],
        },
        {
            kind: "node role (ec2.amazonaws.com)",
            policy: serviceTrustPolicy(EC2_PRINCIPAL),
            allowed: [serviceRequest("EC2 instance profile", EC2_PRINCIPAL, ASSUME, mine)],
            // Same documented shape; EC2 uses the role through an instance profile (iam:PassRole).
            allowedByDesign: [
                serviceRequest("EC2 on behalf of another account", EC2_PRINCIPAL, ASSUME, {
                    "aws:SourceAccount": OTHER_ACCOUNT,
                }),
            ],
            denied: [...otherPrincipals(EC2_PRINCIPAL), ...notService(EC2_PRINCIPAL)],
        },
        {
            // EksCluster's cluster role under autoMode (auto-cluster-iam-role): EKS also tags its
            // sessions, so sts:TagSession is allowed to it and to nobody else.
            kind: AUTO_CLUSTER_ROLE,
            policy: autoModeClusterTrustPolicy(),
            allowed: [
                serviceRequest("EKS Auto Mode control plane", EKS_PRINCIPAL, ASSUME, mine),
                serviceRequest("EKS Auto Mode control plane", EKS_PRINCIPAL, TAG, mine),
            ],
            allowedByDesign: [
                serviceRequest("EKS on behalf of another account", EKS_PRINCIPAL, ASSUME, {
                    "aws:SourceAccount": OTHER_ACCOUNT,
                }),
            ],
            denied: [
                ...otherPrincipals(EKS_PRINCIPAL),
                ...[EC2_PRINCIPAL, FARGATE_PRINCIPAL, POD_IDENTITY_PRINCIPAL].map((p) =>
                    serviceRequest(`other service principal ${p}`, p, TAG, mine),
                ),
                ...notService(EKS_PRINCIPAL).filter((r) => r.action !== TAG),
            ],
        },
        {
            // EksCluster's Auto Mode node role (auto-create-node-role): EC2 only, no TagSession.
            kind: AUTO_NODE_ROLE,
            policy: nodeTrustPolicy(),
            allowed: [serviceRequest("EKS Auto Mode managed instance", EC2_PRINCIPAL, ASSUME, mine)],
            allowedByDesign: [
                serviceRequest("EC2 on behalf of another account", EC2_PRINCIPAL, ASSUME, {
                    "aws:SourceAccount": OTHER_ACCOUNT,
                }),
            ],
            denied: [...otherPrincipals(EC2_PRINCIPAL), ...notService(EC2_PRINCIPAL)],
        },
        {
            kind: "Fargate pod execution role (eks-fargate-pods.amazonaws.com, aws:SourceArn)",
            policy: fargateTrustPolicy("aws", BLUE.region, ACCOUNT, BLUE.name),
            allowed: [
                fargate("profile of the cluster", profileArn(BLUE)),
                fargate("another profile of the cluster", profileArn(BLUE, "batch")),
            ],
            denied: [
                fargate("profile of another cluster", profileArn(STAGING)),
                fargate("profile of a cluster whose name extends the cluster's", profileArn(BLUE_PREFIXED)),
                fargate("profile of the same-named cluster in another region", profileArn(BLUE_OTHER_REGION)),
                fargate(
                    "profile of the same-named cluster in another account",
                    profileArn(BLUE_OTHER_ACCOUNT),
                    OTHER_ACCOUNT,
                ),
                fargate("the cluster ARN instead of a profile", BLUE.arn),
                fargate("no aws:SourceArn (confused deputy)", null),
                fargate("Fargate with sts:TagSession", profileArn(BLUE), ACCOUNT, FARGATE_PRINCIPAL, TAG),
                fargate(
                    "Fargate with sts:AssumeRoleWithWebIdentity",
                    profileArn(BLUE),
                    ACCOUNT,
                    FARGATE_PRINCIPAL,
                    WEB_IDENTITY,
                ),
                ...[POD_IDENTITY_PRINCIPAL, EKS_PRINCIPAL, EC2_PRINCIPAL].map((p) =>
                    fargate(`other service principal ${p}`, profileArn(BLUE), ACCOUNT, p),
                ),
                irsaRequest("Federated principal", BLUE, WORKLOAD),
            ],
        },
    ];
}

// ---------------------------------------------------------------------------------------------
// Property-based cases

const NUM_RUNS = 40;

const dnsLabel = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
const dnsSubdomain = fc
    .array(dnsLabel, { minLength: 1, maxLength: 3 })
    .map((labels) => labels.join("."))
    .filter((name) => name.length <= 253);
const clusterName = fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z_-]{0,99}$/);
const oidcId = fc.stringMatching(/^[0-9A-F]{32}$/);
const region = fc.constantFrom("us-west-2", "eu-west-1", "ap-southeast-2", "us-gov-west-1");

/** A different valid name of the same kind: the last character changed (keeps DNS-1123 validity). */
function neighbourOf(value: string): string {
    const last = value[value.length - 1];
    return value.slice(0, -1) + (last === "a" ? "b" : last === "A" ? "B" : last === "0" ? "1" : "a");
}

type Mutation = "namespace" | "serviceAccount" | "cluster";
const mutation = fc.constantFrom<Mutation>("namespace", "serviceAccount", "cluster");

const generated = fc.record({
    namespace: dnsLabel,
    serviceAccount: dnsSubdomain,
    name: clusterName,
    oidcId,
    region,
    mutation,
});
type Generated = typeof generated extends fc.Arbitrary<infer T> ? T : never;

function mutate(g: Generated): { c: Cluster; who: Identity; other: Cluster; otherWho: Identity } {
    const c = cluster(g.name, g.name, g.region, g.oidcId);
    const who = { namespace: g.namespace, serviceAccount: g.serviceAccount };
    const otherWho = {
        namespace: g.mutation === "namespace" ? neighbourOf(g.namespace) : g.namespace,
        serviceAccount: g.mutation === "serviceAccount" ? neighbourOf(g.serviceAccount) : g.serviceAccount,
    };
    // Another cluster: another name (Pod Identity's cluster ARN) and another issuer (IRSA).
    const other =
        g.mutation === "cluster"
            ? cluster(`${g.name}'`, neighbourOf(g.name), g.region, neighbourOf(g.oidcId))
            : c;
    return { c, who, other, otherWho };
}

const PROPERTIES: { mode: IdentityMode; perRun: number }[] = [
    { mode: "irsa", perRun: 2 },
    { mode: "pod-identity", perRun: 2 },
    { mode: "both", perRun: 4 },
];

async function checkGenerated(mode: IdentityMode, g: Generated): Promise<void> {
    const { c, who, other, otherWho } = mutate(g);
    const policy = trust(mode, [c], who);
    const expectations: Parameters<typeof mismatches>[1] = [];
    if (mode !== "pod-identity") {
        expectations.push(
            { request: irsaIntended(c, who), expected: "Allowed" },
            { request: irsaRequest(`mutated ${g.mutation}`, other, otherWho), expected: "Denied" },
        );
    }
    if (mode !== "irsa") {
        expectations.push(
            { request: podIdentityRequest("intended", c, who), expected: "Allowed" },
            { request: podIdentityRequest(`mutated ${g.mutation}`, other, otherWho), expected: "Denied" },
        );
    }
    assert.deepStrictEqual(await mismatches(policy, expectations), [], JSON.stringify({ mode, g }));
}

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Mutants: the known misconfigurations of REFERENCE.md applied to the generated documents. The same
// requests must catch each one (some expectation fails), or the matrix would prove nothing.

function caseOf(kind: string): PolicyCase {
    const found = CASES.find((c) => c.kind === kind);
    if (!found) {
        throw new Error(`no case ${kind}`);
    }
    return found;
}

function edit(policy: PolicyDocument | string, change: (doc: PolicyDocument) => void): PolicyDocument {
    const doc: PolicyDocument = JSON.parse(typeof policy === "string" ? policy : JSON.stringify(policy));
    change(doc);
    return doc;
}

function conditionsOf(
    doc: PolicyDocument,
    index: number,
): NonNullable<PolicyDocument["Statement"][0]["Condition"]> {
    const condition = doc.Statement[index].Condition;
    assert.ok(condition, `statement ${index} has no condition`);
    return condition;
}

function keyEndingIn(entries: Record<string, unknown>, suffix: string): string {
    const key = Object.keys(entries).find((k) => k.endsWith(suffix));
    assert.ok(key, `no condition key ending in ${suffix}`);
    return key;
}

function dropKey(doc: PolicyDocument, index: number, suffix: string): void {
    const entries = conditionsOf(doc, index).StringEquals;
    delete entries[keyEndingIn(entries, suffix)];
}

const IRSA_ONE = "IRSA, one cluster";
const IRSA_THREE = "IRSA, three clusters (blue, green, dr)";
const POD_ONE = "Pod Identity, one cluster";
const FARGATE = "Fargate pod execution role (eks-fargate-pods.amazonaws.com, aws:SourceArn)";
const CLUSTER_ROLE = "EKS cluster role (eks.amazonaws.com)";

const MUTANTS: { name: string; kind: string; mutate: (doc: PolicyDocument) => void }[] = [
    { name: "IRSA with aud but no sub", kind: IRSA_ONE, mutate: (d) => dropKey(d, 0, ":sub") },
    { name: "IRSA with sub but no aud", kind: IRSA_ONE, mutate: (d) => dropKey(d, 0, ":aud") },
    {
        name: "IRSA sub under StringLike system:serviceaccount:<ns>:*",
        kind: IRSA_ONE,
        mutate: (d) => {
            const condition = conditionsOf(d, 0);
            const sub = keyEndingIn(condition.StringEquals, ":sub");
            delete condition.StringEquals[sub];
            condition.StringLike = { [sub]: `system:serviceaccount:${NS}:*` };
        },
    },
    {
        name: "IRSA conditions keyed by another cluster's issuer",
        kind: IRSA_THREE,
        mutate: (d) => {
            [d.Statement[0].Condition, d.Statement[1].Condition] = [
                d.Statement[1].Condition,
                d.Statement[0].Condition,
            ];
        },
    },
    {
        name: "Federated principal also allowed sts:AssumeRole",
        kind: IRSA_ONE,
        mutate: (d) => {
            d.Statement[0].Action = [WEB_IDENTITY, ASSUME];
        },
    },
    {
        name: "Pod Identity without the namespace tag",
        kind: POD_ONE,
        mutate: (d) => dropKey(d, 0, "kubernetes-namespace"),
    },
    {
        name: "Pod Identity without the service-account tag",
        kind: POD_ONE,
        mutate: (d) => dropKey(d, 0, "kubernetes-service-account"),
    },
    {
        name: "Pod Identity without the cluster tag",
        kind: POD_ONE,
        mutate: (d) => dropKey(d, 0, "eks-cluster-arn"),
    },
    {
        name: "Pod Identity without aws:SourceAccount",
        kind: POD_ONE,
        mutate: (d) => dropKey(d, 0, "aws:SourceAccount"),
    },
    {
        name: "Pod Identity without sts:TagSession",
        kind: POD_ONE,
        mutate: (d) => {
            d.Statement[0].Action = ASSUME;
        },
    },
    {
        name: "Pod Identity trusting every principal",
        kind: POD_ONE,
        mutate: (d) => {
            d.Statement[0].Principal = "*";
        },
    },
    {
        name: "Fargate without aws:SourceArn",
        kind: FARGATE,
        mutate: (d) => {
            delete d.Statement[0].Condition;
        },
    },
    {
        name: "Fargate scoped to every cluster's profiles",
        kind: FARGATE,
        mutate: (d) => {
            d.Statement[0].Condition = {
                ArnLike: { "aws:SourceArn": `arn:aws:eks:${BLUE.region}:${ACCOUNT}:fargateprofile/*` },
            };
        },
    },
    {
        name: "Auto Mode cluster role also trusting ec2.amazonaws.com",
        kind: AUTO_CLUSTER_ROLE,
        mutate: (d) => {
            d.Statement[0].Principal = { Service: [EKS_PRINCIPAL, EC2_PRINCIPAL] };
        },
    },
    {
        name: "Auto Mode node role also allowed sts:TagSession",
        kind: AUTO_NODE_ROLE,
        mutate: (d) => {
            d.Statement[0].Action = [ASSUME, TAG];
        },
    },
    {
        name: "cluster role also trusting ec2.amazonaws.com",
        kind: CLUSTER_ROLE,
        mutate: (d) => {
            d.Statement[0].Principal = { Service: [EKS_PRINCIPAL, EC2_PRINCIPAL] };
        },
    },
];

const matrixSize = (c: PolicyCase) => c.allowed.length + c.denied.length + (c.allowedByDesign?.length ?? 0);
const MATRIX_TOTAL = CASES.reduce((n, c) => n + matrixSize(c), 0);
const PROPERTY_TOTAL = PROPERTIES.reduce((n, p) => n + p.perRun * NUM_RUNS, 0);
const MUTANT_TOTAL = MUTANTS.reduce((n, m) => n + matrixSize(caseOf(m.kind)), 0);
const PLANNED = MATRIX_TOTAL + PROPERTY_TOTAL + MUTANT_TOTAL;

function expectationsOf(c: PolicyCase): Parameters<typeof mismatches>[1] {
    return [
        ...c.allowed.map((request) => ({ request, expected: "Allowed" as const })),
        ...(c.allowedByDesign ?? []).map((request) => ({ request, expected: "Allowed" as const })),
        ...c.denied.map((request) => ({ request, expected: "Denied" as const })),
    ];
}

describe("trust policies under an independent IAM evaluator (iam-simulate)", () => {
    describe("harness", () => {
        it("iam-simulate 0.1.x drops EKS issuer keys unless rewritten (why the harness maps them)", async () => {
            const policy = trust("irsa", [BLUE]);
            const sub = `${BLUE.issuer}:sub`;
            const aud = `${BLUE.issuer}:aud`;
            const raw = await simulateRaw(policy, BLUE.providerArn, WEB_IDENTITY, {
                [sub]: serviceAccountSubject(NS, SA),
                [aud]: STS_AUDIENCE,
            });
            // If a release ever keeps these keys, this fails: the rewrite can then go.
            assert.deepStrictEqual([...raw.ignoredContextKeys].sort(), [aud, sub]);
            assert.strictEqual(raw.decision, "ImplicitlyDenied");
        });

        it("maps the requesting issuer onto accounts.google.com and every other issuer away", () => {
            const mapped = mapIssuerKeys(trust("irsa", [BLUE, GREEN, DR]), GREEN.issuer);
            const keys = mapped.Statement.map((s) => Object.keys(s.Condition?.StringEquals ?? {}).sort());
            assert.deepStrictEqual(keys, [
                [`${FOREIGN_ISSUER_NAMESPACE}:aud`, `${FOREIGN_ISSUER_NAMESPACE}:sub`],
                [`${REQUESTING_ISSUER_NAMESPACE}:aud`, `${REQUESTING_ISSUER_NAMESPACE}:sub`],
                [`${FOREIGN_ISSUER_NAMESPACE}:aud`, `${FOREIGN_ISSUER_NAMESPACE}:sub`],
            ]);
            // Principals and values are untouched.
            assert.deepStrictEqual(
                mapped.Statement.map((s) => s.Principal),
                [BLUE, GREEN, DR].map((c) => ({ Federated: c.providerArn })),
            );
            assert.deepStrictEqual(
                mapIssuerKeys(trust("pod-identity", [BLUE]), GREEN.issuer),
                trust("pod-identity", [BLUE]),
            );
        });

        it("refuses a result in which iam-simulate ignored a context key", async () => {
            const request = { ...podIdentityIntended(BLUE)[0], context: { "example:unknown": "x" } };
            await assert.rejects(
                evaluateTrust(trust("pod-identity", [BLUE]), request),
                /ignored context keys example:unknown/,
            );
        });
    });

    describe(`matrix: ${CASES.length} trust policies, ${MATRIX_TOTAL} requests`, () => {
        for (const c of CASES) {
            const byDesign = c.allowedByDesign?.length
                ? `, ${c.allowedByDesign.length} allowed by design`
                : "";
            it(`${c.kind}: ${c.allowed.length} allowed, ${c.denied.length} denied${byDesign}`, async () => {
                assert.ok(c.allowed.length > 0 && c.denied.length > 0);
                const found = await mismatches(c.policy, expectationsOf(c));
                assert.deepStrictEqual(found, []);
            });
        }
    });

    describe(`properties: ${NUM_RUNS} random workloads per mode, one mutated neighbour each`, () => {
        for (const { mode, perRun } of PROPERTIES) {
            it(`${mode}: intended allowed, mutated namespace / service account / cluster denied (${perRun * NUM_RUNS} requests)`, async () => {
                await fc.assert(
                    fc.asyncProperty(generated, (g) => checkGenerated(mode, g)),
                    { numRuns: NUM_RUNS },
                );
            });
        }
    });

    describe(`mutants: ${MUTANTS.length} known misconfigurations, ${MUTANT_TOTAL} requests`, () => {
        for (const m of MUTANTS) {
            it(`catches ${m.name}`, async () => {
                const c = caseOf(m.kind);
                const found = await mismatches(edit(c.policy, m.mutate), expectationsOf(c));
                assert.ok(found.length > 0, `${m.name}: every request of "${m.kind}" still as expected`);
            });
        }
    });

    describe("total", () => {
        it(`evaluated ${PLANNED} requests: ${MATRIX_TOTAL} matrix + ${PROPERTY_TOTAL} property all as expected, ${MUTANT_TOTAL} against mutants`, () => {
            assert.strictEqual(
                evaluatedRequests(),
                PLANNED,
                "run the whole file: every planned request is counted",
            );
        });
    });
});
