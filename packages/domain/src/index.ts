export * from "./months";
export * from "./series";
export * from "./change";
export * from "./format";
export * from "./indicators";
export * from "./forces";
export * from "./policeUk";
export * from "./stats";
