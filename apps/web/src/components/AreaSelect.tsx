import { useQuery } from "@tanstack/react-query";
import { areasQuery } from "../api/queries";
import { useDeployment } from "../app/deployment";
import { useArea } from "../app/useArea";
import { Field } from "./Field";

/** The force and each of its districts; the choice is written to the URL. */
export function AreaSelect({ forceCode: named }: { forceCode?: string }) {
  const deployment = useDeployment();
  const forceCode = named ?? deployment.code;
  const [area, setArea] = useArea();
  const { data: areas = [] } = useQuery(areasQuery());
  // The deployment's own force is named from /api/health until the areas arrive, so the select has
  // its width from the first paint and nothing beside or below it moves when they do (decision 114b).
  const force = areas.find((a) => a.code === forceCode) ?? (areas.length === 0 && forceCode === deployment.code && area === forceCode ? deployment : undefined);
  const districts = areas.filter((a) => a.parentCode === forceCode).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Field label="Area">
      <select value={area} onChange={(e) => setArea(e.target.value)}>
        {force && <option value={force.code}>{force.name} (force area)</option>}
        <optgroup label="Districts">
          {districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </optgroup>
      </select>
    </Field>
  );
}
