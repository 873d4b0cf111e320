import { useState } from "react";

const KEY = "scrutiny.importerName";

/**
 * The name recorded with an import or a rollback. There is no sign-in yet: the officer types it
 * once and this browser remembers it; empty means "scrutiny officer" (the API's default).
 */
export function useImporterName(): [string, (name: string) => void] {
  const [name, setName] = useState(() => (typeof localStorage === "undefined" ? "" : (localStorage.getItem(KEY) ?? "")));
  return [
    name,
    (next) => {
      setName(next);
      localStorage.setItem(KEY, next);
    },
  ];
}
