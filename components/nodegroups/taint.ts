// The Kubernetes taints a node group puts on its nodes, in EKS's spelling of the effects.

/** What a taint does to pods that do not tolerate it. */
export const TaintEffect = {
    /** New pods are not scheduled on the node. */
    NoSchedule: "NO_SCHEDULE",
    /** Running pods are evicted and new ones not scheduled. */
    NoExecute: "NO_EXECUTE",
    /** The scheduler avoids the node when it can. */
    PreferNoSchedule: "PREFER_NO_SCHEDULE",
} as const;
export type TaintEffect = (typeof TaintEffect)[keyof typeof TaintEffect];

export interface Taint {
    /** Taint key. */
    key: string;
    /** Taint value. Default: none. */
    value?: string;
    /** NO_SCHEDULE, NO_EXECUTE or PREFER_NO_SCHEDULE. */
    effect: TaintEffect;
}
