"""Prints the functions of a BTF dump as C prototypes, one a line, for
FileCheck: reads `bpftool -j btf dump file OBJ` on stdin and prints

  global bool shaped_low(unsigned long long *ctx)      a program
  extern uint64_t bpf_mem_cgroup_usage(struct mem_cgroup *)
  member memcg_ops.below_low bool (*)(struct mem_cgroup *, unsigned long, unsigned long)

A forward declaration prints as `fwd struct NAME`, which libbpf does not
match with the kernel's struct NAME.
"""
import json
import sys

types = {t["id"]: t for t in json.load(sys.stdin)["types"]}


def name(type_id):
    if type_id == 0:
        return "void"
    t = types[type_id]
    kind = t["kind"]
    if kind in ("INT", "TYPEDEF", "FLOAT"):
        return t["name"]
    if kind in ("STRUCT", "UNION", "ENUM", "ENUM64"):
        return "{} {}".format("enum" if kind.startswith("ENUM") else kind.lower(), t["name"])
    if kind == "FWD":
        return "fwd {} {}".format(t.get("fwd_kind", "struct"), t["name"])
    if kind in ("CONST", "VOLATILE", "RESTRICT"):
        return "{} {}".format(kind.lower(), name(t["type_id"]))
    if kind == "PTR":
        target = types.get(t["type_id"])
        if target and target["kind"] == "FUNC_PROTO":
            return "{} (*)({})".format(name(target["ret_type_id"]), parameters(target, False))
        return name(t["type_id"]) + " *"
    return kind


def parameters(proto, named):
    params = proto.get("params", [])
    if not params:
        return "void"
    text = []
    for p in params:
        declared = name(p["type_id"])
        if named and p["name"] != "(anon)":
            declared += p["name"] if declared.endswith("*") else " " + p["name"]
        text.append(declared)
    return ", ".join(text)


for t in sorted(types.values(), key=lambda t: t["id"]):
    if t["kind"] == "FUNC":
        proto = types[t["type_id"]]
        print("{} {} {}({})".format(t["linkage"], name(proto["ret_type_id"]), t["name"], parameters(proto, True)))
    elif t["kind"] in ("STRUCT", "UNION"):
        for member in t.get("members", []):
            declared = name(member["type_id"])
            if "(*)" in declared:
                print("member {}.{} {}".format(t["name"], member["name"], declared))
