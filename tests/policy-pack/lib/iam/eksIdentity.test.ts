import { describeEksIdentityTwin } from "../../../eksIdentityTwin";

describeEksIdentityTwin("policy-pack");
