#include "models/scenario/overrides.h"

#include "models/scenario/yaml_reader.h"

#include <algorithm>

namespace poolsim::models {

namespace {

bool isKeyChar(char c)
{
    return c != '.' && c != '[' && c != ']' && c != '=' && c != ' ';
}

bool allDigits(const std::string& s)
{
    return !s.empty() && s.size() < 10 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string segmentText(const OverrideOption::Segment& s)
{
    return s.kind == OverrideOption::Segment::Kind::Key ? s.text : "[" + s.text + "]";
}

} // namespace

OverrideOption parseOverride(const std::string& option)
{
    return parseOverride(option, Where{{"--set", 0, 0}, option, {}});
}

OverrideOption parseOverride(const std::string& option, const Where& where)
{
    OverrideOption out;
    out.text = option;
    const std::size_t eq = option.find('=');
    if (eq == std::string::npos || eq == 0)
        failAt(where, "", "expected KEY=VALUE such as pool.size=20");
    out.key = option.substr(0, eq);
    out.value = option.substr(eq + 1);
    const std::string& key = out.key;
    const auto bad = [&](const std::string& why) {
        failAt(where, "",
               "bad key '" + key + "': " + why + " (expected a path such as pool.size or workloads[0].hold)");
    };
    std::size_t pos = 0;
    while (pos < key.size()) {
        OverrideOption::Segment seg;
        if (key[pos] == '[') {
            const std::size_t close = key.find(']', pos);
            if (close == std::string::npos)
                bad("'[' without ']'");
            seg.text = key.substr(pos + 1, close - pos - 1);
            if (seg.text.empty())
                bad("empty []");
            if (out.path.empty())
                bad("it must start with a name");
            if (allDigits(seg.text)) {
                seg.kind = OverrideOption::Segment::Kind::Index;
                seg.index = std::stoul(seg.text);
            } else {
                seg.kind = OverrideOption::Segment::Kind::Name;
            }
            pos = close + 1;
        } else {
            const std::size_t start = pos;
            while (pos < key.size() && isKeyChar(key[pos]))
                ++pos;
            if (pos == start)
                bad("empty name");
            seg.text = key.substr(start, pos - start);
        }
        out.path.push_back(seg);
        if (pos < key.size()) {
            if (key[pos] == '.') {
                ++pos;
                if (pos == key.size())
                    bad("it ends with '.'");
            } else if (key[pos] != '[') {
                bad("unexpected '" + std::string(1, key[pos]) + "'");
            }
        }
    }
    return out;
}

void applyOverrides(YamlNode& root, const std::vector<std::string>& options)
{
    for (const std::string& text : options) {
        const OverrideOption option = parseOverride(text);
        applyOverride(root, option, Where{{"--set", 0, 0}, option.text, {}});
    }
}

void applyOverride(YamlNode& root, const OverrideOption& option, const Where& where)
{
    {
        YamlNode* node = &root;
        std::string path;
        for (const OverrideOption::Segment& seg : option.path) {
            using Kind = OverrideOption::Segment::Kind;
            if (node->isNull() && seg.kind == Kind::Key) {
                node->kind = YamlNode::Kind::Map;
                if (node->where.setBy.empty() && node->where.location.line == 0)
                    node->where = where;
            }
            if (node->isMap()) {
                if (seg.kind != Kind::Key)
                    failAt(where, path, "this is a map, not a list: write " + path + "." + seg.text);
                YamlEntry* entry = node->findEntry(seg.text);
                if (!entry) {
                    YamlEntry created;
                    created.key = seg.text;
                    created.keyWhere = where;
                    created.value.where = where;
                    node->entries.push_back(std::move(created));
                    entry = &node->entries.back();
                }
                path = childPath(path, seg.text);
                node = &entry->value;
            } else if (node->isSequence()) {
                std::size_t index = node->items.size();
                if (seg.kind == Kind::Index) {
                    index = seg.index;
                } else {
                    for (std::size_t i = 0; i < node->items.size() && index == node->items.size(); ++i) {
                        const YamlNode* name = node->items[i].isMap() ? node->items[i].find("name") : nullptr;
                        if (name && name->isScalar() && name->scalar == seg.text)
                            index = i;
                    }
                    if (index == node->items.size() && seg.kind == Kind::Key && allDigits(seg.text))
                        index = std::stoul(seg.text);
                    if (index >= node->items.size()) {
                        std::vector<std::string> names;
                        for (const YamlNode& item : node->items)
                            if (const YamlNode* name = item.isMap() ? item.find("name") : nullptr;
                                name && name->isScalar())
                                names.push_back(name->scalar);
                        std::string known;
                        for (const std::string& n : names)
                            known += (known.empty() ? "" : ", ") + n;
                        failAt(where, path,
                               "no entry named '" + seg.text + "'" +
                                   (known.empty() ? std::string() : " (there are " + known + ")"));
                    }
                }
                if (index >= node->items.size())
                    failAt(where, path,
                           "index " + std::to_string(index) + " is out of range (" + path + " has " +
                               std::to_string(node->items.size()) +
                               (node->items.size() == 1 ? " entry)" : " entries)"));
                path = indexPath(path, index);
                node = &node->items[index];
            } else {
                failAt(where, path,
                       (path.empty() ? std::string("the scenario") : "this") +
                           " is a single value, not a map: cannot set " + segmentText(seg) + " inside it");
            }
        }
        if (node->isMap() || node->isSequence())
            failAt(where, path,
                   std::string("this is a ") + (node->isMap() ? "map" : "list") +
                       ": --set gives single values (such as pool.size=20)");
        *node = parseYamlScalar(option.value, where);
    }
}

} // namespace poolsim::models
