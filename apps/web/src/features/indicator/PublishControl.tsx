import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client";
import { indicatorsQuery } from "../../api/queries";
import { useHasRole } from "../../app/useRole";

/**
 * Admins only: whether the indicator (and so its figures) is published — visible without
 * signing in — and the button that changes it (audited, decision 110a).
 */
export function PublishControl({ indicator }: { indicator: string }) {
  const isAdmin = useHasRole("admin");
  const queryClient = useQueryClient();
  const catalogue = useQuery({ ...indicatorsQuery(), enabled: isAdmin });
  const change = useMutation({
    mutationFn: async (published: boolean) => unwrap(await client.api.indicators[":id"].published.$put({ param: { id: indicator }, json: { published } })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const published = catalogue.data?.find((i) => i.id === indicator)?.published;
  if (!isAdmin || published === undefined) return null;
  return (
    <p className="status publish-control" data-testid="publish-control">
      {published ? "Published: anyone can see this indicator and its figures without signing in." : "Not published: only signed-in members of the office can see this indicator."}{" "}
      <button type="button" onClick={() => change.mutate(!published)} disabled={change.isPending}>
        {published ? "Unpublish" : "Publish"}
      </button>
      {change.isError && <span role="alert"> {change.error.message}</span>}
    </p>
  );
}
