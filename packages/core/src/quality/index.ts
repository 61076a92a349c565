// Quality maths: matching, gold scoring, agreement, merging, QA sampling (filled in by the quality work).
export {};
