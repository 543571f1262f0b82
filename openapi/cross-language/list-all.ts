// Lists sessions through the generated TypeScript client (typescript-fetch), every page, and prints one count
// per query. Compiled with tsconfig.run.json; run by run-clients.py:
//   node target/cross-language/ts-run/cross-language/list-all.js BASE_URL API_KEY QUERIES_JSON
import { readFileSync } from 'fs';
import { Configuration, SessionsApi } from '../target/cross-language/typescript';

interface Queries {
  pageSize: number;
  queries: { name: string; params: Record<string, string | string[]> }[];
}

const DATE_TIME = /_(before|after)$/;

function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

async function main(baseUrl: string, key: string, queriesPath: string): Promise<void> {
  const spec: Queries = JSON.parse(readFileSync(queriesPath, 'utf8'));
  const api = new SessionsApi(new Configuration({ basePath: baseUrl.replace(/\/$/, ''), accessToken: key }));
  for (const query of spec.queries) {
    const params: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(query.params)) {
      params[camel(name)] = DATE_TIME.test(name) ? new Date(value as string) : value;
    }
    const seen = new Set<string>();
    let count = 0;
    for (let page = 1; ; page++) {
      const answer = await api.listSessions({ ...params, page, size: spec.pageSize });
      answer.items.forEach((item) => seen.add(item.id));
      count += answer.items.length;
      if (page * spec.pageSize >= answer.total || answer.items.length === 0) {
        break;
      }
    }
    if (seen.size !== count) {
      throw new Error(`typescript: ${query.name}: a session came twice`);
    }
    console.log(`${count}\t${query.name}`);
  }
}

main(process.argv[2], process.argv[3], process.argv[4]).catch((e) => {
  console.error(e);
  process.exit(1);
});
