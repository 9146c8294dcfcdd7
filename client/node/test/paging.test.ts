import { test } from "node:test";
import assert from "node:assert/strict";
import { iteratePages } from "../src/paging.js";

test("follows nextPageToken until it is empty", async () => {
  const pages: Record<string, { items: string[]; nextPageToken: string }> = {
    "": { items: ["a", "b"], nextPageToken: "t1" },
    t1: { items: ["c"], nextPageToken: "" },
  };
  const asked: string[] = [];

  const items: string[] = [];
  for await (const item of iteratePages(async (token) => { asked.push(token); return pages[token]; }, (p) => p.items)) {
    items.push(item);
  }

  assert.deepEqual(items, ["a", "b", "c"]);
  assert.deepEqual(asked, ["", "t1"]);
});
