import { useSearchParams } from "react-router";
import { useDeployment } from "./deployment";

/** The selected area lives in the URL (?area=ONS code) so that a link reproduces the view. */
export function useArea(): [string, (code: string) => void] {
  const [params, setParams] = useSearchParams();
  const deployment = useDeployment();
  // An empty ?area= is no area (the server reads it so too: firstVisitRequests).
  const area = params.get("area") || deployment.code;
  const setArea = (code: string) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      next.set("area", code);
      return next;
    });
  return [area, setArea];
}

/**
 * The force the URL's area belongs to: forces are compared as force areas, so a district in
 * `?area=` stands for its force. `areas` is the /api/areas list (undefined while it loads);
 * `deploymentForce` is the deployment's force (useDeployment), used until the list is known.
 */
export function forceOfArea(areaCode: string, areas: readonly { code: string; name: string; kind: string; parentCode?: string | null }[] | undefined, deploymentForce: string) {
  const area = areas?.find((a) => a.code === areaCode);
  const code = area?.kind === "district" ? (area.parentCode ?? deploymentForce) : area ? area.code : deploymentForce;
  return { area, code, name: areas?.find((a) => a.code === code)?.name ?? "the force" };
}
