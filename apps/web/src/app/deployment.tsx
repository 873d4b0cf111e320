import { createContext, useContext, type ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { healthQuery } from "../api/queries";
import { ErrorMessage, Loading } from "../components/QueryState";

/** The deployment's force (SCRUTINY_FORCE, from /api/health): the default wherever a view names no force. */
export interface DeploymentForce {
  code: string;
  name: string;
  /** What exists only for Essex (the sample series, the Most Similar Group); empty for Essex itself. */
  essexOnly: readonly string[];
  note: string | null;
}

const DeploymentContext = createContext<DeploymentForce | null>(null);

/** Loads /api/health once and renders its children only when the deployment's force is known. */
export function DeploymentGate({ children }: { children: ReactNode }) {
  const health = useQuery(healthQuery());
  if (health.isError) return <ErrorMessage error={health.error} />;
  if (!health.data) return <Loading what="the deployment" reserve />;
  return <DeploymentContext.Provider value={health.data.force}>{children}</DeploymentContext.Provider>;
}

/** The deployment's force; only inside DeploymentGate (every page is). */
export function useDeployment(): DeploymentForce {
  const force = useContext(DeploymentContext);
  if (!force) throw new Error("useDeployment is used outside DeploymentGate");
  return force;
}
