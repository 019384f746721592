import { describeEksIdentityTwin } from "../../eksIdentityTwin";

describeEksIdentityTwin("components");
