import { useSearchParams } from "react-router";
import { ESSEX_FORCE_CODE } from "@scrutiny/domain";

/** The selected area lives in the URL (?area=ONS code) so that a link reproduces the view. */
export function useArea(): [string, (code: string) => void] {
  const [params, setParams] = useSearchParams();
  const area = params.get("area") ?? ESSEX_FORCE_CODE;
  const setArea = (code: string) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      next.set("area", code);
      return next;
    });
  return [area, setArea];
}
