import { parse, CsvError } from "csv-parse/sync";
const text = "a,b\n1,2\n3,\"x\n5,6\n7,8\n";
try { parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }); } catch (e) { const { message, ...rest } = e as CsvError; console.log(message, rest); }
const text2 = "a,b\n1,2\n3,x\"\n5,6\n";
try { parse(text2, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }); } catch (e) { const { message, ...rest } = e as CsvError; console.log(message, rest); }
